using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;

namespace TenancySchemas.Warnings;

/// <summary>
/// A warning: something that may become an alert (<c>docs/reference/warning.md</c>). The base of <see cref="TenantWarningSchema"/>; validate it
/// with <c>IValidator&lt;WarningSchema&gt;</c>.
/// </summary>
public record WarningSchema : Schemas.ITenancyDocument
{
    private static readonly FrozenDictionary<WarningType, string[]> ActionsByType = new Dictionary<WarningType, string[]>
    {
        [WarningType.ThresholdApproaching] = ["Monitor metric closely", "Prepare scaling resources", "Review recent changes"],
        [WarningType.PerformanceDegradation] = ["Analyze performance metrics", "Check resource utilization", "Review error logs"],
        [WarningType.CapacityWarning] = ["Plan capacity increase", "Analyze usage patterns", "Consider auto-scaling"],
    }.ToFrozenDictionary();

    /// <summary>Gets the warning id. The default value is a new GUID.</summary>
    public string WarningId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the parent warning's id.</summary>
    public string? ParentWarningId { get; init; }

    /// <summary>Gets the related alert's id.</summary>
    public string? AlertId { get; init; }

    /// <summary>Gets the title (5-200 characters).</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description (10-2000 characters).</summary>
    public required string Description { get; init; }

    /// <summary>Gets the severity; urgent warnings must escalate within 4 hours.</summary>
    public required WarningSeverity Severity { get; init; }

    /// <summary>Gets the kind of warning.</summary>
    public required WarningType WarningType { get; init; }

    /// <summary>Gets the category.</summary>
    public required WarningCategory Category { get; init; }

    /// <summary>Gets the status. The default value is <see cref="WarningStatus.Active"/>.</summary>
    public WarningStatus Status { get; init; } = WarningStatus.Active;

    /// <summary>Gets where the warning comes from; <see cref="WarningSource.MlPrediction"/> needs a tier that allows ML.</summary>
    public required WarningSource Source { get; init; }

    /// <summary>Gets the source system.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>Gets the service concerned.</summary>
    public string? Service { get; init; }

    /// <summary>Gets the component concerned.</summary>
    public string? Component { get; init; }

    /// <summary>Gets the environment. The default value is <c>production</c>.</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets when the condition was detected.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>Gets when the warning was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets when the warning was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets when the warning escalated.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>Gets the expiry instant, after <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets the metrics concerned.</summary>
    public IReadOnlyList<WarningMetric> Metrics { get; init => field = ValueList<WarningMetric>.From(value); } = ValueList<WarningMetric>.Empty;

    /// <summary>Gets the ML prediction (only on tiers that allow ML).</summary>
    public WarningPrediction? Prediction { get; init; }

    /// <summary>Gets the impact.</summary>
    public WarningImpact Impact { get; init; } = new();

    /// <summary>Gets the mitigations.</summary>
    public IReadOnlyList<WarningMitigation> Mitigations { get; init => field = ValueList<WarningMitigation>.From(value); } = ValueList<WarningMitigation>.Empty;

    /// <summary>Gets a value indicating whether mitigation runs automatically (only on tiers that allow ML). The default value is <see langword="false"/>.</summary>
    public bool AutoMitigationEnabled { get; init; }

    /// <summary>Gets after how many hours the warning escalates (1-168). The default value is 24.</summary>
    public int EscalationThresholdHours { get; init; } = 24;

    /// <summary>Gets a value indicating whether a notification was sent. The default value is <see langword="false"/>.</summary>
    public bool NotificationSent { get; init; }

    /// <summary>Gets a value indicating whether the warning became an alert. The default value is <see langword="false"/>.</summary>
    public bool EscalatedToAlert { get; init; }

    /// <summary>Gets a value indicating whether the warning feeds learning. The default value is <see langword="true"/>.</summary>
    public bool LearningEnabled { get; init; } = true;

    /// <summary>Gets free-form suppression rules.</summary>
    public IReadOnlyDictionary<string, JsonElement> SuppressionRules { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form correlation rules.</summary>
    public IReadOnlyDictionary<string, JsonElement> CorrelationRules { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form context.</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form evidence.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Evidence { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets the runbook URL.</summary>
    [Isolation.Url]
    public string? RunbookUrl { get; init; }

    /// <summary>Gets the dashboard URL.</summary>
    [Isolation.Url]
    public string? DashboardUrl { get; init; }

    /// <summary>Gets the investigation URL.</summary>
    [Isolation.Url]
    public string? InvestigationUrl { get; init; }

    /// <summary>
    /// Scores the warning: the severity's base (urgent 100, high 80, medium 60, low 40, advisory 20), the prediction's
    /// bonus (very_high 20, high 15, medium 10, low 5), 15 when an SLA is at risk, and one per 100 affected users, at most 10.
    /// </summary>
    /// <returns>The score.</returns>
    public double CalculateUrgencyScore()
    {
        double score = Severity switch
        {
            WarningSeverity.Urgent => 100,
            WarningSeverity.High => 80,
            WarningSeverity.Medium => 60,
            WarningSeverity.Low => 40,
            WarningSeverity.Advisory => 20,
            _ => 0,
        };

        score += Prediction?.EscalationProbability switch
        {
            EscalationProbability.VeryHigh => 20,
            EscalationProbability.High => 15,
            EscalationProbability.Medium => 10,
            EscalationProbability.Low => 5,
            _ => 0,
        };

        if (Impact?.SlaAtRisk == true)
        {
            score += 15;
        }

        return score + Math.Min((Impact?.AffectedUsers ?? 0) / 100.0, 10);
    }

    /// <summary>
    /// Tells whether the warning should escalate: it is older than its threshold, its predicted escalation
    /// probability is high or very high, or an SLA or compliance is at risk.
    /// </summary>
    /// <param name="now">The instant; <see langword="null"/> for the system clock.</param>
    /// <returns><see langword="true"/> when it should escalate.</returns>
    public bool ShouldEscalate(DateTimeOffset? now = null)
    {
        var age = (now ?? TimeProvider.System.GetUtcNow()) - CreatedAt;
        return age.TotalHours >= EscalationThresholdHours
            || Prediction?.EscalationProbability is EscalationProbability.High or EscalationProbability.VeryHigh
            || Impact?.SlaAtRisk == true
            || Impact?.ComplianceRisk == true;
    }

    /// <summary>Gets the prediction's recommended actions, then the fixed actions of the warning type, without duplicates, in order.</summary>
    /// <returns>The recommended actions.</returns>
    public IReadOnlyList<string> GetRecommendedActions()
    {
        var actions = (Prediction?.RecommendedActions ?? []).Concat(ActionsByType.TryGetValue(WarningType, out var fixedActions) ? fixedActions : []);
        return ValueList<string>.From(actions.Where(a => a is not null).Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// Gets the key that groups related warnings: <c>tenant_id:category:service:component[:first metric_name]</c>, with
    /// wire values and <c>unknown</c> for what is not set, e.g. <c>acme_01:infrastructure:unknown:db:cpu_usage_percent</c>.
    /// </summary>
    /// <returns>The correlation key.</returns>
    public string GetCorrelationKey()
    {
        var key = $"{TenantId}:{Category.ToWireOrNumber()}:{Service ?? "unknown"}:{Component ?? "unknown"}";
        return Metrics.Count > 0 && Metrics[0]?.MetricName is { } metric ? $"{key}:{metric}" : key;
    }

    /// <summary>Prints the members, masking sensitive ones.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns><see langword="true"/> when members were printed.</returns>
    protected virtual bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}

/// <summary>A warning with tenant-specific settings (<c>docs/reference/tenant-warning.md</c>); every <see cref="WarningSchema"/> rule applies to it.</summary>
public sealed record TenantWarningSchema : WarningSchema
{
    /// <summary>Gets free-form tenant configuration.</summary>
    public IReadOnlyDictionary<string, JsonElement> TenantConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets custom thresholds by name.</summary>
    public IReadOnlyDictionary<string, double> CustomThresholds { get; init => field = ValueMap<double>.From(value); } = ValueMap<double>.Empty;

    /// <summary>Gets free-form custom escalation rules.</summary>
    public IReadOnlyDictionary<string, JsonElement> CustomEscalationRules { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets tenant-specific actions.</summary>
    public IReadOnlyList<string> TenantSpecificActions { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the cost impact (≥ 0).</summary>
    public double? CostImpact { get; init; }

    /// <summary>Gets a value indicating whether the warning matters in business hours only. The default value is <see langword="false"/>.</summary>
    public bool BusinessHoursOnly { get; init; }

    /// <inheritdoc/>
    protected override bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}
