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
        _limiter = PartitionedRateLimiter.Create<(string TenantId, TenantType Tier), string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key.Tier.ToWire() + ":" + key.TenantId, _ =>
            {
                var limits = tiers[key.Tier];
                return new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limits.ValidationBurst),
                    TokensPerPeriod = Math.Max(1, limits.ValidationRequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                };
            }));
    }

    public RateLimitLease AttemptAcquire(string tenantId, TenantType? tier)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _limiter.AttemptAcquire((tenantId, tier is { } known && WireEnum<TenantType>.IsDefined(known) ? known : TenantType.Trial));
    }

    public void Dispose() => _limiter.Dispose();
}
