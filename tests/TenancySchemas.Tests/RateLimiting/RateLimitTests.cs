using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.RateLimiting;

/// <summary>Per-tenant token buckets sized by the tier table.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_flood_from_one_tenant_is_rejected_past_its_burst_while_another_tenant_passes()
    {
        using var host = new ObservedHost(o => o.EnableRateLimiting = true);
        var validator = host.Validator<TenantConfigSchema>();
        var flooder = Samples.Tenant(TenantType.Trial) with { TenantId = "flood_01" };
        var neighbour = Samples.Tenant(TenantType.Trial) with { TenantId = "quiet_02" };

        var accepted = 0;
        var rejected = 0;
        var flood = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3_000; i++)
        {
            try
            {
                validator.Validate(flooder);
                accepted++;
            }
            catch (TenancyRateLimitExceededException exception)
            {
                rejected++;
                exception.TenantId.Should().Be("flood_01");
                exception.Tier.Should().Be(TenantType.Trial);
            }
        }

        // The trial burst is 20 and 10 more per second come back: a flood gets its burst and what came back meanwhile.
        accepted.Should().BeInRange(20, AtMost(20, flood.Elapsed));
        rejected.Should().Be(3_000 - accepted);
        for (var i = 0; i < 15; i++)
        {
            validator.Validate(neighbour).IsValid.Should().BeTrue("one tenant's flood never slows another tenant");
        }

        var text = await host.ScrapeAsync();
        text.Should().Contain($"tenancy_schema_rate_limited_total{{tier=\"trial\"}} {rejected}");
        text.Should().Contain($"tenancy_schema_validations_total{{schema=\"tenant_config\",tier=\"trial\",outcome=\"rejected\"}} {rejected}");
        host.Sink.Events.Count(e => e.Properties["Outcome"].ToString() == "\"rejected\"").Should().Be(rejected);
        TenancySchemas.Auditing.AuditChainVerifier.Verify(host.Sink.Events.Select(TenancySchemas.Tests.Auditing.AuditTrailTests.ToRecord)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public void A_tenant_that_used_its_burst_gets_its_tier_rate_back_every_second()
    {
        using var host = new ObservedHost(o => o.EnableRateLimiting = true);
        var validator = host.Validator<TenantConfigSchema>();
        var tenant = Samples.Tenant(TenantType.Trial) with { TenantId = "refill_01" };

        // Validations until the first rejection, and how long they took (the bounds allow for a slow, busy machine).
        (int Accepted, TimeSpan Elapsed) UntilRejected()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var accepted = 0; accepted < 10_000; accepted++)
            {
                try
                {
                    validator.Validate(tenant);
                }
                catch (TenancyRateLimitExceededException)
                {
                    return (accepted, watch.Elapsed);
                }
            }

            throw new InvalidOperationException("never rejected");
        }

        var burst = UntilRejected();
        burst.Accepted.Should().BeInRange(20, AtMost(20, burst.Elapsed), "the trial burst is 20");

        // The buckets are refilled by the partitioned limiter's timer, not each by its own: 10 tokens per second, in
        // steps of the timer's tick. The timer runs on the thread pool, which a busy machine (the rest of the suite)
        // may keep from it for a while: the test takes what comes back until it has 10, however long that takes, and
        // checks it never came faster than the tier's rate.
        var refill = System.Diagnostics.Stopwatch.StartNew();
        var refilled = 0;
        while (refilled < 10 && refill.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(300));
            refilled += UntilRejected().Accepted;
            refilled.Should().BeLessThanOrEqualTo(AtMost(0, refill.Elapsed), "no more than 10 per second come back");
        }

        refilled.Should().BeGreaterThanOrEqualTo(10, "the tier's rate comes back");
    }

    // The most a trial tenant can get in a window: what its bucket held, and 10 tokens for each refill the limiter's
    // timer may have made meanwhile (one per whole second, and one more for the second the window started in).
    private static int AtMost(int held, TimeSpan window) => held + (10 * ((int)window.TotalSeconds + 1));

    [Fact]
    public void Bigger_tiers_get_bigger_bursts_and_configuration_can_change_them()
    {
        using var host = new ObservedHost(o =>
        {
            o.EnableRateLimiting = true;
            o.Tiers.Standard = o.Tiers.Standard with { ValidationBurst = 5, ValidationRequestsPerSecond = 1 };
        });
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();

        int Burst(string tenant, TenantType? tier)
        {
            var n = 0;
            while (n < 100_000)
            {
                using var lease = limiter.AttemptAcquire(tenant, tier);
                if (!lease.IsAcquired)
                {
                    break;
                }

                n++;
            }

            return n;
        }

        Burst("s1", TenantType.Standard).Should().BeInRange(5, 6);
        Burst("p1", TenantType.Professional).Should().BeInRange(2_000, 2_100);
        Burst("u1", null).Should().BeInRange(20, 30, "an unknown tier gets the trial budget, never a wider one");
    }

    [Fact]
    public void A_rejected_document_is_never_reported_invalid()
    {
        using var host = new ObservedHost(o => o.EnableRateLimiting = true);
        var validator = host.Validator<TenantConfigSchema>();
        var tenant = Samples.Tenant(TenantType.Trial) with { TenantId = "burst_09" };

        var outcomes = Enumerable.Range(0, 200).Select(_ =>
        {
            try
            {
                return validator.Validate(tenant).IsValid ? "valid" : "invalid";
            }
            catch (TenancyRateLimitExceededException)
            {
                return "rejected";
            }
        }).ToList();

        outcomes.Should().NotContain("invalid").And.Contain("rejected");
    }
}

/// <summary>Measures process memory, so it runs alone.</summary>
[Collection(nameof(TenancySchemas.Tests.DependencyInjection.ProcessEnvironment))]
public sealed class RateLimitMemoryTests
{
    [Fact]
    public void Idle_tenants_are_evicted_so_memory_stays_bounded()
    {
        using var host = new ObservedHost(o => o.EnableRateLimiting = true);
        var limiter = host.Services.GetRequiredService<ITenantRateLimiter>();

        void Touch(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                using var lease = limiter.AttemptAcquire($"tenant_{i}", TenantType.Enterprise);
            }
        }

        Touch(0, 10_000);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        Touch(10_000, 1_000_000);
        var peak = GC.GetTotalMemory(forceFullCollection: true);

        // The partitioned limiter drops a bucket that has been full (idle) for 10 s; its heartbeat runs every 100 ms.
        Thread.Sleep(TimeSpan.FromSeconds(11));
        Touch(1_010_000, 1);
        Thread.Sleep(300);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        // What stays is the partition table's capacity (a dictionary never shrinks), not the buckets themselves.
        (after - before).Should().BeLessThan((peak - before) / 4,
            "1,000,000 idle tenants must be evicted (peak {0:N0} bytes, {1:N0} bytes kept)", peak - before, after - before);
        (after - before).Should().BeLessThan(100L * 1_000_000, "at most 100 bytes per tenant ever seen remain");
    }
}
