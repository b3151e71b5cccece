using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TenancySchemas.Common;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tiers;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// Token buckets per tenant on the injected clock: a bucket holds up to its tier's burst and gains its tier's requests
/// per second, computed from the time since it was last used (no timer per tenant). A refusal is not recorded here
/// (see <see cref="IRateLimitRejections"/>).
/// </summary>
internal sealed class TenantRateLimiter(IOptions<TenancySchemaOptions> options, ITenantTierResolver tiers, TimeProvider time) : ITenantRateLimiter
{
    /// <summary>The most tenants whose buckets are kept at once.</summary>
    public const int MaxPartitions = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _eviction = new();

    /// <summary>Gets the number of tenants with a bucket (for tests of the bound).</summary>
    internal int Partitions => _buckets.Count;

    public RateLimitLease AttemptAcquire(TenantContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Formats.IsTenantId(caller.TenantId))
        {
            return Lease.Refused(null);
        }

        var tier = BudgetTier(caller.Tier, tiers, caller.TenantId);
        var limits = options.Value.Tiers[tier];
        var now = time.GetTimestamp();
        if (!_buckets.TryGetValue(caller.TenantId, out var bucket))
        {
            MakeRoom(now);
            bucket = _buckets.GetOrAdd(caller.TenantId, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: (double)Math.Max(1, limits.ValidationBurst), Now: now));
        }

        var wait = bucket.TryTake(now, Math.Max(1, limits.ValidationRequestsPerSecond), Math.Max(1, limits.ValidationBurst), time.TimestampFrequency);
        return wait is null ? Lease.Acquired : Lease.Refused(wait);
    }

    /// <summary>
    /// The tier whose budget a caller spends: the caller's own, else the tier resolver's, else the trial tier, so that
    /// an unknown or undefined tier never widens the budget.
    /// </summary>
    /// <param name="callerTier">The tier the caller's context names.</param>
    /// <param name="resolver">The tier resolver, asked only when the caller names no tier.</param>
    /// <param name="tenantId">The caller's id, when it is a tenant id.</param>
    /// <returns>The tier.</returns>
    internal static TenantType BudgetTier(TenantType? callerTier, ITenantTierResolver resolver, string? tenantId) =>
        Defined(callerTier) ?? (tenantId is null ? null : Defined(resolver.ResolveTier(tenantId))) ?? TenantType.Trial;

    private static TenantType? Defined(TenantType? tier) => tier is { } t && WireEnum<TenantType>.IsDefined(t) ? t : null;

    // Keeps the number of buckets bounded: full buckets first (dropping one changes no answer), then the least
    // recently used, a tenth at a time so that the scan is paid rarely.
    private void MakeRoom(long now)
    {
        if (_buckets.Count < MaxPartitions)
        {
            return;
        }

        lock (_eviction)
        {
            if (_buckets.Count < MaxPartitions)
            {
                return;
            }

            foreach (var (tenant, bucket) in _buckets)
            {
                if (bucket.IsFullAt(now, time.TimestampFrequency))
                {
                    _buckets.TryRemove(tenant, out _);
                }
            }

            var excess = _buckets.Count - (MaxPartitions * 9 / 10);
            if (excess > 0)
            {
                foreach (var (tenant, _) in _buckets.OrderBy(pair => pair.Value.LastUsed).Take(excess).ToList())
                {
                    _buckets.TryRemove(tenant, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long now)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _refilled = now;
        private double _perSecond = 1;
        private double _burst = tokens;

        public long LastUsed { get; private set; } = now;

        /// <summary>Takes a token; null when taken, else how long until one is back.</summary>
        public TimeSpan? TryTake(long now, int perSecond, int burst, long frequency)
        {
            lock (_gate)
            {
                _perSecond = perSecond;
                _burst = burst;
                if (now > _refilled)
                {
                    _tokens = Math.Min(burst, _tokens + ((now - _refilled) * (double)perSecond / frequency));
                    _refilled = now;
                }

                LastUsed = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }

                return TimeSpan.FromSeconds(Math.Max(0, 1 - _tokens) / perSecond);
            }
        }

        public bool IsFullAt(long now, long frequency)
        {
            lock (_gate)
            {
                return _tokens + ((now - _refilled) * _perSecond / frequency) >= _burst;
            }
        }
    }

    private sealed class Lease : RateLimitLease
    {
        private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];
        private readonly TimeSpan? _retryAfter;

        private Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterName;

        public static Lease Refused(TimeSpan? retryAfter) => new(false, retryAfter ?? TimeSpan.FromSeconds(1));

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
