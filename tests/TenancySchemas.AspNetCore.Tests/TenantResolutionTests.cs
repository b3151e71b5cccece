using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.AspNetCore.Tests.Support;
using TenancySchemas.Isolation;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>
/// The caller of a request: an authenticated tenant claim, else a trusted route value or header; its tier from a claim,
/// else the tier resolver; every value checked; the tenant context set for the request and cleared after it.
/// </summary>
public sealed class TenantResolutionTests
{
    [Fact]
    public async Task A_tenant_claim_is_the_caller_with_the_tier_its_claim_names()
    {
        await using var app = await TestApp.StartAsync();

        var answer = await app.GetAsync("/whoami", tenant: "acme_01", tier: "professional");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Body!["tenant"]!.GetValue<string>().Should().Be("acme_01");
        answer.Body["tier"]!.GetValue<string>().Should().Be("Professional");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gold")]
    [InlineData("3")]
    [InlineData("")]
    public async Task Without_a_tier_claim_naming_a_tier_the_tier_resolver_names_it(string? tierClaim)
    {
        await using var app = await TestApp.StartAsync(tenancy: o => o.TenantTiers["acme_01"] = TenantType.Standard);

        var answer = await app.GetAsync("/whoami", tenant: "acme_01", tier: tierClaim);

        answer.Body!["tier"]!.GetValue<string>().Should().Be("Standard");
        (await app.GetAsync("/whoami", tenant: "stranger_01", tier: tierClaim)).Body!["tier"].Should().BeNull("an unknown tenant has no tier");
    }

    [Fact]
    public async Task Under_strict_isolation_route_values_and_headers_name_no_caller_unless_the_app_trusts_them()
    {
        await using var strict = await TestApp.StartAsync(tenancy: o => o.IsolationLevel = IsolationLevel.Strict);
        await using var trusting = await TestApp.StartAsync(tenancy: o => o.IsolationLevel = IsolationLevel.Strict, edge: o => (o.TrustRouteTenant, o.TrustHeaderTenant) = (true, true));

        (await strict.GetAsync("/tenants/acme_01/whoami")).Body!["tenant"].Should().BeNull("a URL is whatever the client sends");
        (await strict.GetAsync("/whoami", headers: ("X-Tenant-Id", "acme_01"))).Body!["tenant"].Should().BeNull("so is a header");
        (await trusting.GetAsync("/tenants/acme_01/whoami")).Body!["tenant"]!.GetValue<string>().Should().Be("acme_01");
        (await trusting.GetAsync("/whoami", headers: ("X-Tenant-Id", "acme_01"))).Body!["tenant"]!.GetValue<string>().Should().Be("acme_01");
    }

    [Fact]
    public async Task Under_moderate_isolation_route_values_and_headers_name_the_caller_unless_the_app_distrusts_them()
    {
        await using var moderate = await TestApp.StartAsync(tenancy: o => o.TenantTiers["acme_01"] = TenantType.Trial);
        await using var distrusting = await TestApp.StartAsync(edge: o => (o.TrustRouteTenant, o.TrustHeaderTenant) = (false, false));

        var byRoute = await moderate.GetAsync("/tenants/acme_01/whoami");
        byRoute.Body!["tenant"]!.GetValue<string>().Should().Be("acme_01");
        byRoute.Body["tier"]!.GetValue<string>().Should().Be("Trial", "the tier comes from the resolver, never from a header");
        (await moderate.GetAsync("/whoami", tier: null, headers: [("X-Tenant-Id", "acme_01"), ("X-Test-Tier", "enterprise")])).Body!["tier"]!.GetValue<string>().Should().Be("Trial");
        (await distrusting.GetAsync("/tenants/acme_01/whoami")).Body!["tenant"].Should().BeNull();
        (await distrusting.GetAsync("/whoami", headers: ("X-Tenant-Id", "acme_01"))).Body!["tenant"].Should().BeNull();
    }

    public static TheoryData<string, string> InvalidIds() => new()
    {
        { "claim", "x" },
        { "claim", "../../etc" },
        { "claim", new string('a', 10_000) },
        { "header", "tenant id" },
        { "header", "-leading" },
        { "route", "ab" },
        { "route", new string('b', 65) },
        { "route", "acme_01\n" },
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task A_value_that_is_not_a_tenant_id_is_a_400_that_reaches_neither_the_limiter_nor_the_pipeline(string source, string value)
    {
        var limiter = new CountingLimiter();
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<ITenantRateLimiter>(limiter));
        var document = BundledDocuments.Valid("alert").Json;

        var answer = source switch
        {
            "claim" => await app.PostAsync("/alert", document, tenant: value),
            "header" => await app.PostAsync("/alert", document, headers: ("X-Tenant-Id", value)),
            _ => await app.GetAsync($"/tenants/{Uri.EscapeDataString(value)}/whoami"),
        };

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.MediaType.Should().Be("application/problem+json");
        answer.Code.Should().Be("tenancy.common.tenant_id_format");
        answer.Body!["detail"]!.GetValue<string>().Should().Contain(source).And.NotContain(value, "a hostile value is never echoed");
        limiter.Calls.Should().Be(0);
        app.Audit.Events.Should().BeEmpty("the pipeline never ran");
    }

    [Theory]
    [InlineData(IsolationLevel.Strict)]
    [InlineData(IsolationLevel.Moderate)]
    public async Task A_route_value_or_header_naming_another_tenant_than_the_claim_is_a_403(IsolationLevel level)
    {
        await using var app = await TestApp.StartAsync(tenancy: o => o.IsolationLevel = level);

        var byRoute = await app.GetAsync("/tenants/bakery-42/whoami", tenant: "sprout_trial");
        var byHeader = await app.GetAsync("/whoami", tenant: "sprout_trial", headers: ("X-Tenant-Id", "bakery-42"));

        foreach (var answer in new[] { byRoute, byHeader })
        {
            answer.Status.Should().Be(HttpStatusCode.Forbidden);
            answer.Code.Should().Be("tenancy.isolation.tenant_mismatch");
            answer.Body!["detail"]!.GetValue<string>().Should().Contain("'bakery-42'").And.Contain("'sprout_trial'");
        }

        (await app.GetAsync("/tenants/sprout_trial/whoami", tenant: "sprout_trial")).Status.Should().Be(HttpStatusCode.OK, "the same tenant is no conflict");
    }

    [Fact]
    public async Task Under_basic_isolation_the_claim_is_the_caller_whatever_the_route_says()
    {
        await using var app = await TestApp.StartAsync(tenancy: o => o.IsolationLevel = IsolationLevel.Basic);

        var answer = await app.GetAsync("/tenants/bakery-42/whoami", tenant: "sprout_trial");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Body!["tenant"]!.GetValue<string>().Should().Be("sprout_trial");
    }

    [Fact]
    public async Task Two_different_tenant_claims_or_two_tenant_headers_are_a_400()
    {
        await using var app = await TestApp.StartAsync();

        using var claims = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        claims.Headers.Add(TestAuthentication.TenantHeader, ["acme_01", "globex_02"]);
        using var headers = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        headers.Headers.Add("X-Tenant-Id", ["acme_01", "globex_02"]);

        (await app.Client.SendAsync(claims)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Client.SendAsync(headers)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_tenant_context_is_set_for_the_request_and_cleared_after_it_even_when_the_handler_throws()
    {
        var accessor = new RecordingAccessor();
        await using var app = await TestApp.StartAsync(
            services: s => s.AddSingleton<ITenantContextAccessor>(accessor),
            endpoints: a =>
            {
                a.MapGet("/ok", (ITenantContextAccessor tenant) => new { tenant = tenant.Current!.TenantId });
                a.MapGet("/fails", string () => throw new InvalidOperationException("handler failed"));
            });

        (await app.GetAsync("/ok", tenant: "acme_01")).Status.Should().Be(HttpStatusCode.OK);
        Func<Task<Answer>> failing = () => app.GetAsync("/fails", tenant: "globex_02");
        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("handler failed");

        accessor.Writes.Should().Equal("acme_01", null, "globex_02", null);
        accessor.Current.Should().BeNull();
    }

    /// <summary>A tenant context kept in a plain field, so that a value left behind after a request shows.</summary>
    private sealed class RecordingAccessor : ITenantContextAccessor
    {
        private TenantContext? _current;

        public List<string?> Writes { get; } = [];

        public TenantContext? Current
        {
            get => _current;
            set
            {
                _current = value;
                lock (Writes)
                {
                    Writes.Add(value?.TenantId);
                }
            }
        }
    }

    /// <summary>A limiter that admits everything and counts how often it was asked.</summary>
    internal sealed class CountingLimiter : ITenantRateLimiter
    {
        private int _calls;

        public int Calls => _calls;

        public RateLimitLease AttemptAcquire(TenantContext caller)
        {
            Interlocked.Increment(ref _calls);
            using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
            return limiter.AttemptAcquire();
        }
    }
}
