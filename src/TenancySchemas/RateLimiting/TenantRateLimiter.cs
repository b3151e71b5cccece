using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TenancySchemas.Json;
using TenancySchemas.Tiers;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// A partitioned token bucket per tenant and tier. The partitioned limiter drops buckets that have been full (idle) for
/// 10 seconds, so memory follows the number of recently active tenants, not of all tenants ever seen.
/// </summary>
internal sealed class TenantRateLimiter : ITenantRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<(string TenantId, TenantType Tier)> _limiter;

    public TenantRateLimiter(IOptions<TenancySchemaOptions> options)
    {
        var tiers = options.Value.Tiers;
        var bucketOptions = TierProfile.AllTiers.ToDictionary(tier => tier, tier => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, tiers[tier].ValidationBurst),
            TokensPerPeriod = Math.Max(1, tiers[tier].ValidationRequestsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,

            // The partitioned limiter replenishes every bucket from its own timer (RateLimitPartition.GetTokenBucketLimiter
            // turns this off the same way): a timer per bucket would cost a timer per tenant.
            AutoReplenishment = false,
        });
        Func<(string TenantId, TenantType Tier), RateLimiter> createBucket = key => new TokenBucketRateLimiter(bucketOptions[key.Tier]);

        // The (tenant, tier) pair is the partition key itself, and the bucket factory is built once: a call allocates
        // neither a key string nor a closure (GetTokenBucketLimiter would wrap its factory in a new one on every call).
        _limiter = PartitionedRateLimiter.Create<(string TenantId, TenantType Tier), (string TenantId, TenantType Tier)>(
            key => RateLimitPartition.Get(key, createBucket));
    }

    public RateLimitLease AttemptAcquire(string tenantId, TenantType? tier)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _limiter.AttemptAcquire((tenantId, tier is { } known && WireEnum<TenantType>.IsDefined(known) ? known : TenantType.Trial));
    }

    public void Dispose() => _limiter.Dispose();
}
