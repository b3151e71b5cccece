using Microsoft.Extensions.Options;
using TenancySchemas.Auditing;
using TenancySchemas.Isolation;
using TenancySchemas.Metrics;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>What every root validator needs from the container, bundled so that validators take one dependency.</summary>
internal sealed class ValidationServices(
    IOptions<TenancySchemaOptions> options,
    TimeProvider timeProvider,
    ITenantContextAccessor tenantContext,
    ITenantTierResolver tierResolver,
    ValidationAuditor auditor,
    TenancyMetrics metrics,
    ITenantRateLimiter rateLimiter)
{
    public TenancySchemaOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ITenantContextAccessor TenantContext { get; } = tenantContext;

    public ITenantTierResolver TierResolver { get; } = tierResolver;

    public ValidationAuditor Auditor { get; } = auditor;

    public TenancyMetrics Metrics { get; } = metrics;

    public ITenantRateLimiter RateLimiter { get; } = rateLimiter;

    /// <summary>Records one finished validation: exactly one audit event and one count.</summary>
    public void Observe(in ValidationOutcome outcome)
    {
        Metrics.Record(outcome, Json.WireEnum<IsolationLevel>.ToWireOrNumber(Options.IsolationLevel));
        Auditor.Record(outcome);
    }
}
