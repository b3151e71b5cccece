using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>
/// Where the tier policy spends a caller's budget: the library's per-process limiter, or the shared Redis store with
/// the configured answer when it fails (<see cref="RateLimitStoreFailureMode"/>).
/// </summary>
internal sealed class TierBudgets(ITenantRateLimiter inProcess, IOptions<TenancyAspNetCoreOptions> options, RedisBudgetStore redis)
{
    private readonly TenancyRateLimitOptions _settings = options.Value.RateLimit;

    /// <summary>Gets a value indicating whether budgets live in Redis, which is asked asynchronously only.</summary>
    public bool Shared => _settings.RedisConfiguration is not null;

    public RateLimitLease TakeInProcess(TenantContext caller) => TierLease.From(inProcess.AttemptAcquire(caller));

    public async ValueTask<RateLimitLease> TakeAsync(TenantContext caller, CancellationToken cancellationToken)
    {
        if (!Shared)
        {
            return TakeInProcess(caller);
        }

        var tier = caller.Tier is { } t && Enum.IsDefined(t) ? t : TenantType.Trial;
        var shared = await redis.TryTakeAsync(caller.TenantId, tier, cancellationToken).ConfigureAwait(false);
        if (shared is not null)
        {
            return shared;
        }

        return _settings.WhenRedisUnavailable == RateLimitStoreFailureMode.FailOpen
            ? TakeInProcess(caller)
            : TierLease.Unavailable(_settings.UnavailableRetryAfter);
    }
}
