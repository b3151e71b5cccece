using Microsoft.AspNetCore.RateLimiting;
using TenancySchemas.AspNetCore.RateLimiting;

namespace TenancySchemas.AspNetCore;

/// <summary>The tier rate-limit policy for ASP.NET Core's rate limiter (<c>AddRateLimiter</c>).</summary>
public static class TenancyRateLimiting
{
    /// <summary>The policy's default name, for <c>RequireRateLimiting(TenancyRateLimiting.PolicyName)</c>.</summary>
    public const string PolicyName = "tenancy";

    /// <summary>
    /// Adds the tier policy: each caller (the tenant <c>UseTenancySchemas()</c> resolved from authentication, never the
    /// tenant a document claims) gets a token bucket sized by its tier's row of the tier table (<c>ValidationBurst</c>
    /// requests at once, <c>ValidationRequestsPerSecond</c> back every second); an unknown tier gets the trial budget.
    /// Over budget, a request is answered <c>429</c> with <c>Retry-After</c> and a localized problem, and counted
    /// (<c>tenancy.schema.rate_limited</c>) and audited (<c>rejected</c>) once. Requests without a caller are not
    /// limited by this policy.
    /// </summary>
    /// <remarks>
    /// Budgets live in this process unless <see cref="TenancyRateLimitOptions.RedisConfiguration"/> is set, in which case
    /// every instance using that Redis spends the same budgets. Apply the policy to endpoints with
    /// <c>RequireRateLimiting(TenancyRateLimiting.PolicyName)</c> (on a group, for every endpoint in it).
    /// </remarks>
    /// <param name="options">The rate limiter options.</param>
    /// <param name="policyName">The policy's name.</param>
    /// <returns>The options, for chaining.</returns>
    public static RateLimiterOptions AddTenancyTierPolicy(this RateLimiterOptions options, string policyName = PolicyName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        return options.AddPolicy<TierPartition, TenancyTierPolicy>(policyName);
    }
}
