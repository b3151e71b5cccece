using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TenancySchemas.AspNetCore.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>
/// The tier policy with budgets in process: a bucket per calling tenant sized by its tier, 429 with Retry-After and a
/// localized problem, each rejection counted and audited once; the clock is fake, so refills happen only when a test
/// moves it.
/// </summary>
public sealed class RateLimitPolicyTests
{
    private static readonly string TrialAlert = BundledDocuments.Text("alert.trial.valid.json");

    private static Task<TestApp> StartAsync(Action<TenancySchemaOptions>? tenancy = null) => TestApp.StartAsync(tenancy: o =>
    {
        o.Tiers.Trial = o.Tiers.Trial with { ValidationBurst = 3, ValidationRequestsPerSecond = 2 };
        tenancy?.Invoke(o);
    });

    [Fact]
    public async Task A_tenant_past_its_tier_budget_gets_429_with_retry_after_and_a_localized_problem_until_the_budget_refills()
    {
        await using var app = await StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial")).Status);
        }

        var refused = await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial", language: "fr");

        statuses.Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
        refused.RetryAfter.Should().Be("1", "a trial bucket of 2 per second gets a token back within half a second, rounded up");
        refused.MediaType.Should().Be("application/problem+json");
        refused.Code.Should().Be("tenancy.rate_limit.exceeded");
        refused.Body!["title"]!.GetValue<string>().Should().Be("Trop de requêtes");
        refused.Body["detail"]!.GetValue<string>().Should().Be("Trop de requêtes pour ce locataire (offre Essai) ; réessayez dans 1 s");

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial")).Status.Should().Be(HttpStatusCode.Created);
        (await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial")).Status.Should().Be(HttpStatusCode.Created);
        (await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial")).Status.Should().Be(HttpStatusCode.TooManyRequests, "one second gives two back");
    }

    [Fact]
    public async Task Each_rejection_is_counted_once_and_audited_once_as_rejected()
    {
        await using var app = await StartAsync();
        using var rateLimited = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "TenancySchemas", "tenancy.schema.rate_limited");

        var refused = 0;
        for (var i = 0; i < 10; i++)
        {
            refused += (await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial")).Status == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        refused.Should().Be(7);
        rateLimited.GetMeasurementSnapshot().Should().HaveCount(7).And.OnlyContain(m => m.Value == 1 && (string?)m.Tags["tier"] == "trial");
        var text = await app.ScrapeAsync();
        Value(text, "tenancy_schema_rate_limited_total{tier=\"trial\"}").Should().Be(7);
        Value(text, "tenancy_schema_validations_total{schema=\"alert\",tier=\"trial\",outcome=\"rejected\"}").Should().Be(7);
        Value(text, "tenancy_schema_validations_total{schema=\"alert\",tier=\"trial\",outcome=\"valid\"}").Should().Be(3);
        var rejected = app.Audit.Outcomes("rejected").ToList();
        rejected.Should().HaveCount(7);
        rejected.Should().OnlyContain(e => CollectingSink.Property(e, "TenantId") == "sprout_trial" && CollectingSink.Property(e, "Schema") == "alert");
    }

    [Fact]
    public async Task Budgets_belong_to_the_calling_tenant_never_to_the_tenant_a_document_claims()
    {
        await using var app = await StartAsync(tenancy: o => o.TenantTiers["bakery-42"] = TenantType.Trial);
        var claimingBakery = BundledDocuments.Text("warning.standard.valid.json");

        for (var i = 0; i < 10; i++)
        {
            await app.PostAsync("/warning", claimingBakery, tenant: "sprout_trial", tier: "trial");
        }

        var bakery = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            bakery.Add((await app.PostAsync("/warning", claimingBakery, tenant: "bakery-42")).Status);
        }

        bakery.Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_tier_claim_sizes_the_budget_and_an_unknown_tier_gets_the_trial_budget()
    {
        await using var app = await StartAsync(tenancy: o => o.Tiers.Professional = o.Tiers.Professional with { ValidationBurst = 6, ValidationRequestsPerSecond = 1 });

        (await Admitted(app, "northwind", "professional", 10)).Should().Be(6);
        (await Admitted(app, "stranger_01", tier: null, 10)).Should().Be(3, "an unknown tenant never gets more than the trial budget");
    }

    [Fact]
    public async Task Requests_without_a_caller_are_not_limited_by_the_tier_policy()
    {
        await using var app = await StartAsync(tenancy: o => o.TenantTiers["sprout_trial"] = TenantType.Trial);

        for (var i = 0; i < 10; i++)
        {
            (await app.PostAsync("/alert", TrialAlert)).Status.Should().Be(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task The_policy_without_tenant_resolution_fails_with_the_fix()
    {
        await using var app = await TestApp.StartAsync(useTenancySchemas: false, endpoints: a =>
        {
            a.UseRateLimiter();
            a.MapGet("/limited", () => "ok").RequireRateLimiting(TenancyRateLimiting.PolicyName);
        });

        Func<Task> get = () => app.GetAsync("/limited", tenant: "acme_01");

        await get.Should().ThrowAsync<InvalidOperationException>().WithMessage("*app.UseTenancySchemas()*");
    }

    private static async Task<int> Admitted(TestApp app, string tenant, string? tier, int attempts)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            admitted += (await app.GetAsync("/limited-whoami", tenant, tier)).Status == HttpStatusCode.OK ? 1 : 0;
        }

        return admitted;
    }

    private static double Value(string exposition, string series) =>
        exposition.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal)).Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
}
