using Microsoft.Extensions.Options;
using TenancySchemas.Auditing;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Metrics;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>What the validation pipeline needs from the container, bundled so that every pipeline takes one dependency.</summary>
internal sealed class PipelineServices(
    IOptions<TenancySchemaOptions> options,
    TimeProvider timeProvider,
    ITenantContextAccessor tenantContext,
    ITenantTierResolver tierResolver,
    ValidationAuditor auditor,
    TenancyMetrics metrics)
{
    private readonly string _isolationLevel = WireEnum<IsolationLevel>.ToWireOrNumber(options.Value.IsolationLevel);

    public TenancySchemaOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ITenantContextAccessor TenantContext { get; } = tenantContext;

    public ITenantTierResolver TierResolver { get; } = tierResolver;

    /// <summary>Records one finished validation: exactly one count and one audit record.</summary>
    public void Observe(in ValidationOutcome outcome)
    {
        metrics.Record(outcome, _isolationLevel);
        auditor.Record(outcome);
    }

    /// <summary>Records a document that could not be read: an invalid validation of the caller's tenant, counted and audited once.</summary>
    public void ObserveUnreadable(string schema, Type documentType, TenancyValidationContext? call, IReadOnlyList<FluentValidation.Results.ValidationFailure> errors, TimeSpan duration) =>
        Observe(new ValidationOutcome(
            schema, call?.ExpectedTenantId ?? TenantContext.Current?.TenantId, null, call?.Tier?.ToWire(), [], "invalid", errors, AuditPaths(errors, documentType), duration));

    /// <summary>The failures' paths as they may leave the process (one path style, map keys and free-form members as <c>*</c>).</summary>
    public static IReadOnlyList<string> AuditPaths(IReadOnlyList<FluentValidation.Results.ValidationFailure> failures, Type documentType)
    {
        if (failures.Count == 0)
        {
            return [];
        }

        var paths = new string[failures.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = WirePaths.Instance.ForAudit(failures[i].PropertyName, documentType);
        }

        return paths;
    }
}
