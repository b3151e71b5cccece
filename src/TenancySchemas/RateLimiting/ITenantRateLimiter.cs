using System.Threading.RateLimiting;
using TenancySchemas.Tiers;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// The per-tenant validation rate limit (a token bucket per tenant, sized by the tier table's requests per second and
/// burst). Exposed so that an ASP.NET Core app can apply the same budget to its own endpoints.
/// </summary>
public interface ITenantRateLimiter
{
    /// <summary>Takes one permit from a tenant's bucket without waiting.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="tier">The tenant's tier; without one the trial tier's budget applies, so an unknown tier never widens it.</param>
    /// <returns>The lease; dispose it. <see cref="RateLimitLease.IsAcquired"/> tells whether the call may proceed.</returns>
    RateLimitLease AttemptAcquire(string tenantId, TenantType? tier);
}
