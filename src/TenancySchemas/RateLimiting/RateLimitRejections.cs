using TenancySchemas.Auditing;
using TenancySchemas.Common;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Metrics;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.RateLimiting;

/// <summary>Counts a refused request and audits it as a <c>rejected</c> validation: one count, one audit record.</summary>
internal sealed class RateLimitRejections(PipelineServices pipeline, TenancyMetrics metrics, ITenantTierResolver tiers) : IRateLimitRejections
{
    private const string UnknownSchema = "unknown";

    public void Record(TenantContext caller, SchemaDescriptor? schema = null)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // An id that is not one never reaches the audit log: it may be anything a client sent, of any length.
        var tenant = Formats.IsTenantId(caller.TenantId) ? caller.TenantId : null;
        var tier = TenantRateLimiter.BudgetTier(caller.Tier, tiers, tenant).ToWire();
        metrics.RecordRateLimited(tier);
        pipeline.Observe(new ValidationOutcome(schema?.MetricName ?? UnknownSchema, tenant, null, tier, [], "rejected", [], [], TimeSpan.Zero));
    }
}
