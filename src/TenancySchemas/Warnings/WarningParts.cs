using System.Text.Json;
using TenancySchemas.Common;

namespace TenancySchemas.Warnings;

/// <summary>A metric that a warning is about.</summary>
public sealed record WarningMetric
{
    /// <summary>Gets the metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the current value (a number or a text).</summary>
    public required Threshold CurrentValue { get; init; }

    /// <summary>Gets the baseline value.</summary>
    public Threshold? BaselineValue { get; init; }

    /// <summary>Gets the threshold value.</summary>
    public Threshold? ThresholdValue { get; init; }

    /// <summary>Gets the unit.</summary>
    public string? Unit { get; init; }

    /// <summary>Gets the trend.</summary>
    public MetricTrend? Trend { get; init; }

    /// <summary>Gets the change in percent.</summary>
    public double? PercentageChange { get; init; }
}

/// <summary>An ML prediction attached to a warning (only on tiers that allow ML).</summary>
public sealed record WarningPrediction
{
    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the confidence (0-1).</summary>
    public required double ConfidenceScore { get; init; }

    /// <summary>Gets the prediction window in hours (1-168).</summary>
    public required int PredictionWindowHours { get; init; }

    /// <summary>Gets how likely the warning is to escalate.</summary>
    public required EscalationProbability EscalationProbability { get; init; }

    /// <summary>Gets the predicted impact.</summary>
    public string? PredictedImpact { get; init; }

    /// <summary>Gets the recommended actions, in order.</summary>
    public IReadOnlyList<string> RecommendedActions { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets each feature's importance.</summary>
    public IReadOnlyDictionary<string, double> FeatureImportance { get; init => field = ValueMap<double>.From(value); } = ValueMap<double>.Empty;
}

/// <summary>A mitigation of a warning.</summary>
public sealed record WarningMitigation
{
    /// <summary>Gets the kind of action.</summary>
    public required string ActionType { get; init; }

    /// <summary>Gets what the mitigation does.</summary>
    public required string Description { get; init; }

    /// <summary>Gets a value indicating whether it runs automatically (only on tiers that allow ML). The default value is <see langword="false"/>.</summary>
    public bool Automated { get; init; }

    /// <summary>Gets a value indicating whether it ran. The default value is <see langword="false"/>.</summary>
    public bool Executed { get; init; }

    /// <summary>Gets when it ran.</summary>
    public DateTimeOffset? ExecutedAt { get; init; }

    /// <summary>Gets whether it succeeded.</summary>
    public bool? Success { get; init; }

    /// <summary>Gets what came of it.</summary>
    public string? ResultDescription { get; init; }

    /// <summary>Gets a value indicating whether it can be rolled back. The default value is <see langword="false"/>.</summary>
    public bool RollbackPossible { get; init; }
}

/// <summary>The impact of a warning.</summary>
public sealed record WarningImpact
{
    /// <summary>Gets the business impact.</summary>
    public string? BusinessImpact { get; init; }

    /// <summary>Gets the technical impact.</summary>
    public string? TechnicalImpact { get; init; }

    /// <summary>Gets the user impact.</summary>
    public string? UserImpact { get; init; }

    /// <summary>Gets the financial impact.</summary>
    public double? FinancialImpact { get; init; }

    /// <summary>Gets the affected services.</summary>
    public IReadOnlyList<string> AffectedServices { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the number of affected users (≥ 0).</summary>
    public int? AffectedUsers { get; init; }

    /// <summary>Gets a value indicating whether an SLA is at risk. The default value is <see langword="false"/>.</summary>
    public bool SlaAtRisk { get; init; }

    /// <summary>Gets a value indicating whether compliance is at risk. The default value is <see langword="false"/>.</summary>
    public bool ComplianceRisk { get; init; }
}
