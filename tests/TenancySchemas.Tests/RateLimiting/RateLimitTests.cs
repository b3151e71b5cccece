using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.RateLimiting;

/// <summary>
/// Per-tenant token buckets keyed on the calling tenant and sized by its tier, on the injected clock; validation itself
/// is never rate limited.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public void Validation_never_throws_for_a_rate_limit_however_often_a_trial_tenant_calls()
    {
        using var host = new ObservedHost();
        var accessor = host.Services.GetRequiredService<ITenantContextAccessor>();
        accessor.Current = new TenantContext("sprout_trial", TenantType.Trial);
        var validator = host.Services.GetRequiredService<IValidator<AlertSchema>>();
        var alert = Samples.Alert() with { TenantId = "sprout_trial" };

        var results = Enumerable.Range(0, 1_000).Select(_ => validator.Validate(alert)).ToList();

        results.Should().HaveCount(1_000).And.OnlyContain(result => result.IsValid);
    }

    [Fact]
    public async Task A_flood_from_one_tenant_is_refused_past_its_burst_while_another_tenant_passes()
    {
        using var host = new ObservedHost();
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();
        var flooder = new TenantContext("flood_01", TenantType.Trial);

        var accepted = Take(limiter, flooder, 3_000);

        accepted.Should().Be(20, "the trial burst is 20 and the clock does not move");
        Take(limiter, new TenantContext("quiet_02", TenantType.Trial), 15).Should().Be(15, "one tenant's flood never touches another's bucket");
        var text = await host.ScrapeAsync();
        Exposition.Sum(text, "tenancy_schema_rate_limited_total").Should().Be(0, "the code that refuses the request records it (IRateLimitRejections), not the limiter it asked");
        host.Sink.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task A_recorded_rejection_is_counted_once_by_tier_and_audited_once_as_rejected()
    {
        using var host = new ObservedHost();
        using var collector = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "TenancySchemas", "tenancy.schema.rate_limited");
        var rejections = host.Services.GetRequiredService<IRateLimitRejections>();

        rejections.Record(new TenantContext("sprout_trial", TenantType.Trial), TenancySchemas.Schemas.SchemaRegistry.Of<AlertSchema>());
        rejections.Record(new TenantContext("sprout_trial", TenantType.Trial), TenancySchemas.Schemas.SchemaRegistry.Of<AlertSchema>());
        rejections.Record(new TenantContext("northwind", TenantType.Professional));

        collector.GetMeasurementSnapshot().Select(m => (m.Value, Tier: m.Tags["tier"])).Should().Equal((1L, "trial"), (1L, "trial"), (1L, "professional"));
        var text = await host.ScrapeAsync();
        Exposition.Value(text, "tenancy_schema_rate_limited_total{tier=\"trial\"}").Should().Be(2);
        Exposition.Value(text, "tenancy_schema_rate_limited_total{tier=\"professional\"}").Should().Be(1);
        Exposition.Value(text, "tenancy_schema_validations_total{schema=\"alert\",tier=\"trial\",outcome=\"rejected\"}").Should().Be(2);
        Exposition.Value(text, "tenancy_schema_validations_total{schema=\"unknown\",tier=\"professional\",outcome=\"rejected\"}").Should().Be(1);
        var events = host.Sink.Events.ToArray();
        events.Select(e => (Tenant: Property(e, "TenantId"), Schema: Property(e, "Schema"), Outcome: Property(e, "Outcome"))).Should().Equal(
            ("sprout_trial", "alert", "rejected"), ("sprout_trial", "alert", "rejected"), ("northwind", "unknown", "rejected"));
    }

    [Fact]
    public async Task A_rejection_is_labelled_with_the_tier_whose_budget_applied()
    {
        using var host = new ObservedHost(o => o.TenantTiers["known_pro"] = TenantType.Professional);
        var rejections = host.Services.GetRequiredService<IRateLimitRejections>();

        rejections.Record(new TenantContext("known_pro"));
        rejections.Record(new TenantContext("unknown_01"));
        rejections.Record(new TenantContext("unknown_02", (TenantType)42));

        var text = await host.ScrapeAsync();
        Exposition.Value(text, "tenancy_schema_rate_limited_total{tier=\"professional\"}").Should().Be(1, "the tier resolver's tier when the caller names none");
        Exposition.Value(text, "tenancy_schema_rate_limited_total{tier=\"trial\"}").Should().Be(2, "an unknown or undefined tier is the trial budget's");
    }

    [Fact]
    public void A_rejection_of_an_id_that_is_not_a_tenant_id_is_audited_as_an_unknown_tenant()
    {
        using var host = new ObservedHost();
        var hostile = new string('a', 480_000);

        host.Services.GetRequiredService<IRateLimitRejections>().Record(new TenantContext(hostile, TenantType.Trial));

        var audited = host.Sink.Events.Should().ContainSingle().Subject;
        Property(audited, "TenantId").Should().Be("unknown");
        host.Sink.ToClef().Should().NotContain(new string('a', 65));
    }

    private static string Property(Serilog.Events.LogEvent e, string name) => e.Properties[name].ToString().Trim('"');

    [Fact]
    public void A_refused_lease_says_when_to_retry()
    {
        using var host = new ObservedHost();
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();
        var tenant = new TenantContext("retry_01", TenantType.Trial);
        Take(limiter, tenant, 20);

        using var refused = limiter.AttemptAcquire(tenant);

        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().Be(TimeSpan.FromSeconds(0.1), "a trial bucket gains a token every tenth of a second");
    }

    [Fact]
    public void A_tenant_that_used_its_burst_gets_its_tier_rate_back_every_second_and_never_more_than_its_burst()
    {
        using var host = new ObservedHost();
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();
        var tenant = new TenantContext("refill_01", TenantType.Trial);
        Take(limiter, tenant, 100).Should().Be(20);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Take(limiter, tenant, 100).Should().Be(10, "a trial tenant gets 10 requests per second back");

        host.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Take(limiter, tenant, 100).Should().Be(5);

        host.Clock.Advance(TimeSpan.FromHours(1));
        Take(limiter, tenant, 100).Should().Be(20, "a bucket never holds more than its burst");
    }

    [Fact]
    public void Bigger_tiers_get_bigger_bursts_and_configuration_can_change_them()
    {
        using var host = new ObservedHost(o =>
        {
            o.Tiers.Standard = o.Tiers.Standard with { ValidationBurst = 5, ValidationRequestsPerSecond = 1 };
            o.TenantTiers["known_pro"] = TenantType.Professional;
        });
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();

        Take(limiter, new TenantContext("s1_tenant", TenantType.Standard), 100_000).Should().Be(5);
        Take(limiter, new TenantContext("p1_tenant", TenantType.Professional), 100_000).Should().Be(2_000);
        Take(limiter, new TenantContext("known_pro"), 100_000).Should().Be(2_000, "without a tier in the context, the tier resolver's");
        Take(limiter, new TenantContext("u1_tenant"), 100_000).Should().Be(20, "an unknown tier gets the trial budget, never a wider one");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-leading-dash")]
    [InlineData("../../etc")]
    [InlineData("tenant id with spaces")]
    public void A_caller_whose_tenant_id_is_not_one_is_refused_without_a_bucket(string tenantId)
    {
        using var host = new ObservedHost();
        var limiter = (TenantRateLimiter)host.Services.GetRequiredService<ITenantRateLimiter>();

        using var lease = limiter.AttemptAcquire(new TenantContext(tenantId, TenantType.Enterprise));

        lease.IsAcquired.Should().BeFalse();
        limiter.Partitions.Should().Be(0);
    }

    [Fact]
    public void Long_tenant_ids_never_reach_the_limiter_memory()
    {
        using var host = new ObservedHost();
        var limiter = (TenantRateLimiter)host.Services.GetRequiredService<ITenantRateLimiter>();

        for (var i = 0; i < 400; i++)
        {
            using var lease = limiter.AttemptAcquire(new TenantContext(new string((char)('a' + (i % 26)), 480_000) + i, TenantType.Enterprise));
            lease.IsAcquired.Should().BeFalse();
        }

        limiter.Partitions.Should().Be(0, "an id longer than 64 characters is refused before a bucket exists");
    }

    [Fact]
    public void The_number_of_tenants_tracked_stays_bounded()
    {
        using var host = new ObservedHost();
        var limiter = (TenantRateLimiter)host.Services.GetRequiredService<ITenantRateLimiter>();

        for (var i = 0; i < 3 * TenantRateLimiter.MaxPartitions; i++)
        {
            using var lease = limiter.AttemptAcquire(new TenantContext($"tenant_{i:D6}", TenantType.Enterprise));
            lease.IsAcquired.Should().BeTrue();
        }

        limiter.Partitions.Should().BeLessThanOrEqualTo(TenantRateLimiter.MaxPartitions);
    }

    [Fact]
    public void An_evicted_busy_tenant_is_evicted_last()
    {
        using var host = new ObservedHost();
        var limiter = (TenantRateLimiter)host.Services.GetRequiredService<ITenantRateLimiter>();
        var busy = new TenantContext("busy_tenant", TenantType.Trial);
        Take(limiter, busy, 20);

        // Many other tenants, each used once: their buckets are the ones dropped when the bound is reached.
        for (var i = 0; i < TenantRateLimiter.MaxPartitions + 10; i++)
        {
            host.Clock.Advance(TimeSpan.FromTicks(1));
            using var lease = limiter.AttemptAcquire(new TenantContext($"other_{i:D6}", TenantType.Trial));
            if (i % 1_000 == 0)
            {
                Take(limiter, busy, 1).Should().Be(0, "the busy tenant's bucket is still empty: it was kept");
            }
        }
    }

    [Fact]
    public void Validating_documents_that_claim_another_tenant_spends_nobody_s_budget()
    {
        using var host = new ObservedHost();
        host.Services.GetRequiredService<ITenantContextAccessor>().Current = new TenantContext("sprout_trial", TenantType.Trial);
        var validator = host.Services.GetRequiredService<IValidator<TenantConfigSchema>>();
        var claimingBakery = Samples.Tenant(TenantType.Enterprise) with { TenantId = "bakery-42" };

        for (var i = 0; i < 200; i++)
        {
            validator.Validate(claimingBakery);
        }

        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();
        Take(limiter, new TenantContext("bakery-42", TenantType.Trial), 100).Should().Be(20, "bakery-42's bucket is untouched");
        Take(limiter, new TenantContext("sprout_trial", TenantType.Trial), 100).Should().Be(20, "and the validator never spent the caller's either");
    }

    private static int Take(ITenantRateLimiter limiter, TenantContext caller, int attempts)
    {
        var acquired = 0;
        for (var i = 0; i < attempts; i++)
        {
            using var lease = limiter.AttemptAcquire(caller);
            acquired += lease.IsAcquired ? 1 : 0;
        }

        return acquired;
    }
}
