using TenancySchemas.Isolation;
using TenancySchemas.Schemas;

namespace TenancySchemas.RateLimiting;

/// <summary>
/// Records requests that a rate limit refused, as the library's own limiter did before rate limiting left validation:
/// each is counted on <c>tenancy.schema.rate_limited</c> (by tier) and written to the audit trail as one
/// <c>rejected</c> validation (also counted on <c>tenancy.schema.validations</c> with outcome <c>rejected</c>).
/// </summary>
/// <remarks>
/// A limiter decides; the code that turns its refusal into an answer records it, once per refused request. The
/// <see cref="ITenantRateLimiter"/> records nothing itself, so that a caller that asks it twice for one request (as
/// ASP.NET Core's rate limiter does) still counts one rejection. <c>TenancySchemas.AspNetCore</c>'s tier policy calls
/// <see cref="Record"/> for every 429 it answers, whether its in-process or its Redis store refused.
/// </remarks>
public interface IRateLimitRejections
{
    /// <summary>Records one refused request of a caller.</summary>
    /// <param name="caller">
    /// The caller whose budget was spent: its tier, else the tier resolver's for its id, else the trial tier (the one
    /// whose budget applied) labels the count. An id that is not a tenant id is audited as an unknown tenant.
    /// </param>
    /// <param name="schema">The schema the request would have validated, when known; audited as <c>unknown</c> otherwise.</param>
    void Record(TenantContext caller, SchemaDescriptor? schema = null);
}
