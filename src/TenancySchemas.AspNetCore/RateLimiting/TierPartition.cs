using TenancySchemas.Isolation;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>A partition of the tier policy: the caller whose budget a request spends, and the schema it would validate (for the audit record).</summary>
/// <param name="Caller">The caller's tenant and tier; <see langword="null"/> for requests without one, which the policy does not limit.</param>
/// <param name="Schema">The endpoint's schema, when it validates one.</param>
internal sealed record TierPartition(TenantContext? Caller, SchemaDescriptor? Schema)
{
    public static TierPartition Anonymous { get; } = new(null, null);
}
