using System.Threading.RateLimiting;
using TenancySchemas.Isolation;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// A per-tenant budget of requests: a token bucket per calling tenant, sized by its tier's row of the tier table
/// (<see cref="Tiers.TierLimits.ValidationRequestsPerSecond"/>, <see cref="Tiers.TierLimits.ValidationBurst"/>).
/// Validation never consults it; an app (or <c>TenancySchemas.AspNetCore</c>'s rate-limiter policy) calls it with the
/// tenant it authenticated, so that no document can spend another tenant's budget.
/// </summary>
/// <remarks>
/// The budget lives in this process: several instances each grant it in full (the ASP.NET Core package has a Redis
/// store for a shared budget). The tenant id is checked before a bucket exists for it, and at most
/// <see cref="TenantRateLimiter.MaxPartitions"/> tenants are tracked; past that, full (idle) buckets are dropped first,
/// then the least recently used. A refused lease is neither counted nor audited here: the code that refuses the request
/// reports it once through <see cref="IRateLimitRejections"/> (the ASP.NET Core policy does).
/// </remarks>
public interface ITenantRateLimiter
{
    /// <summary>Takes one permit from the calling tenant's bucket without waiting.</summary>
    /// <param name="caller">
    /// The authenticated caller: its tier, else the tier resolver's for its id, sizes the bucket (the trial tier's when
    /// neither knows it, so that an unknown tier never widens the budget).
    /// </param>
    /// <returns>
    /// The lease; dispose it. <see cref="RateLimitLease.IsAcquired"/> tells whether the call may proceed; a refused lease
    /// carries <see cref="MetadataName.RetryAfter"/>. A tenant id that is not one (3-64 letters, digits, '_' or '-') is refused.
    /// </returns>
    RateLimitLease AttemptAcquire(TenantContext caller);
}
