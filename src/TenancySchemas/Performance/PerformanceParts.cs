using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Common;
using TenancySchemas.Json;

namespace TenancySchemas.Performance;

/// <summary>A warning and a critical value of a metric.</summary>
public sealed record MetricThreshold
{
    /// <summary>Gets the threshold id.</summary>
    public required string ThresholdId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the comparison; <c>between</c> has no second bound and is not ordered.</summary>
    public required ThresholdOperator Operator { get; init; }

    /// <summary>Gets the warning value, reached before the critical one.</summary>
    public double? WarningValue { get; init; }

    /// <summary>Gets the critical value.</summary>
    public double? CriticalValue { get; init; }

    /// <summary>Gets how long the condition must hold in minutes (1-1440). The default value is 5.</summary>
    public int DurationMinutes { get; init; } = 5;

    /// <summary>Gets a value indicating whether it is on. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>The normal behaviour of a metric over an observation period.</summary>
public sealed record PerformanceBaseline
{
    /// <summary>Gets the baseline id.</summary>
    public required string BaselineId { get; init; }

    /// <summary>Gets the metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the mean.</summary>
    public required double MeanValue { get; init; }

    /// <summary>Gets the median (between min and max).</summary>
    public required double MedianValue { get; init; }

    /// <summary>Gets the standard deviation (≥ 0).</summary>
    public required double StdDeviation { get; init; }

    /// <summary>Gets the minimum.</summary>
    public required double MinValue { get; init; }

    /// <summary>Gets the maximum.</summary>
    public required double MaxValue { get; init; }

    /// <summary>Gets the 95th percentile (not above the 99th).</summary>
    public required double P95Value { get; init; }

    /// <summary>Gets the 99th percentile.</summary>
    public required double P99Value { get; init; }

    /// <summary>Gets the start of the observation.</summary>
    public required DateTimeOffset ObservationStart { get; init; }

    /// <summary>Gets the end of the observation (not before its start).</summary>
    public required DateTimeOffset ObservationEnd { get; init; }

    /// <summary>Gets the number of samples (≥ 1).</summary>
    public required int SampleCount { get; init; }

    /// <summary>Gets free-form conditions.</summary>
    public IReadOnlyDictionary<string, JsonElement> Conditions { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the confidence level (0-100).</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Gets until when the baseline holds.</summary>
    public required DateTimeOffset ValidUntil { get; init; }
}

/// <summary>An anomaly found in a metric.</summary>
public sealed record AnomalyDetection
{
    /// <summary>Gets the anomaly id. The default value is a new GUID.</summary>
    public string AnomalyId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets when it was detected. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset DetectionTimestamp { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the kind of anomaly.</summary>
    public required AnomalyType AnomalyType { get; init; }

    /// <summary>Gets the severity score (0-100); 80 or more is critical.</summary>
    public required double SeverityScore { get; init; }

    /// <summary>Gets the confidence score (0-100).</summary>
    public required double ConfidenceScore { get; init; }

    /// <summary>Gets the observed value.</summary>
    public required double ObservedValue { get; init; }

    /// <summary>Gets the expected value.</summary>
    public required double ExpectedValue { get; init; }

    /// <summary>Gets the deviation in percent.</summary>
    public required double DeviationPercentage { get; init; }

    /// <summary>Gets the baseline compared with, which should exist.</summary>
    public string? BaselineId { get; init; }

    /// <summary>Gets the model used.</summary>
    public string? ModelUsed { get; init; }

    /// <summary>Gets contributing factors.</summary>
    public IReadOnlyList<string> ContributingFactors { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets each feature's importance.</summary>
    public IReadOnlyDictionary<string, double> FeatureImportance { get; init => field = ValueMap<double>.From(value); } = ValueMap<double>.Empty;

    /// <summary>Gets a value indicating whether it was acknowledged. The default value is <see langword="false"/>.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Gets whether it was a false positive.</summary>
    public bool? FalsePositive { get; init; }
}

/// <summary>A trend of a metric.</summary>
public sealed record PerformanceTrend
{
    /// <summary>Gets the trend id. The default value is a new GUID.</summary>
    public string TrendId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the start.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>Gets the end (not before the start).</summary>
    public required DateTimeOffset EndDate { get; init; }

    /// <summary>Gets the direction.</summary>
    public required TrendDirection Direction { get; init; }

    /// <summary>Gets the slope.</summary>
    public required double Slope { get; init; }

    /// <summary>Gets the correlation coefficient (-1 to 1).</summary>
    public required double CorrelationCoefficient { get; init; }

    /// <summary>Gets the value projected in 7 days.</summary>
    [JsonPropertyName("projected_value_7d")]
    public double? ProjectedValue7d { get; init; }

    /// <summary>Gets the value projected in 30 days.</summary>
    [JsonPropertyName("projected_value_30d")]
    public double? ProjectedValue30d { get; init; }

    /// <summary>Gets the prediction confidence (0-100).</summary>
    public double? PredictionConfidence { get; init; }

    /// <summary>Gets a value indicating whether the trend is seasonal. The default value is <see langword="false"/>.</summary>
    public bool SeasonalComponent { get; init; }

    /// <summary>Gets the change points.</summary>
    public IReadOnlyList<DateTimeOffset> ChangePoints { get; init => field = ValueList<DateTimeOffset>.From(value); } = ValueList<DateTimeOffset>.Empty;
}

/// <summary>A recommended optimization.</summary>
public sealed record PerformanceOptimization
{
    /// <summary>Gets the optimization id. The default value is a new GUID.</summary>
    public string OptimizationId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the metrics affected.</summary>
    public required IReadOnlyList<string> AffectedMetrics { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets the area.</summary>
    public required MetricCategory Category { get; init; }

    /// <summary>Gets the priority.</summary>
    public required OptimizationPriority Priority { get; init; }

    /// <summary>Gets the estimated improvement per metric.</summary>
    public required IReadOnlyDictionary<string, double> EstimatedImprovement { get; init => field = ValueMap<double>.From(value); }

    /// <summary>Gets the effort.</summary>
    public required ImplementationEffort ImplementationEffort { get; init; }

    /// <summary>Gets the cost impact.</summary>
    public double? CostImpact { get; init; }

    /// <summary>Gets the recommended actions.</summary>
    public required IReadOnlyList<string> RecommendedActions { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets a value indicating whether it can be automated. The default value is <see langword="false"/>.</summary>
    public bool AutomationPossible { get; init; }

    /// <summary>Gets the confidence score (0-100).</summary>
    public required double ConfidenceScore { get; init; }

    /// <summary>Gets the historical effectiveness (0-100).</summary>
    public double? HistoricalEffectiveness { get; init; }
}

/// <summary>How a service level is met.</summary>
public sealed record SlaMetrics
{
    /// <summary>Gets the SLA id.</summary>
    public required string SlaId { get; init; }

    /// <summary>Gets the name; lower-cased with spaces as underscores it keys <c>performance_targets</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the target value.</summary>
    public required double TargetValue { get; init; }

    /// <summary>Gets the current value.</summary>
    public required double CurrentValue { get; init; }

    /// <summary>Gets the achievement (0-100).</summary>
    public required double AchievementPercentage { get; init; }

    /// <summary>Gets the health band.</summary>
    public required PerformanceStatus Status { get; init; }

    /// <summary>Gets the rolling 7-day average.</summary>
    [JsonPropertyName("rolling_7d_average")]
    public double? Rolling7dAverage { get; init; }

    /// <summary>Gets the rolling 30-day average.</summary>
    [JsonPropertyName("rolling_30d_average")]
    public double? Rolling30dAverage { get; init; }

    /// <summary>Gets the number of violations (≥ 0). The default value is 0.</summary>
    public int ViolationsCount { get; init; }

    /// <summary>Gets the last violation.</summary>
    public DateTimeOffset? LastViolation { get; init; }

    /// <summary>Gets the business impact; an SLA with one weighs three times in the overall score.</summary>
    public string? BusinessImpact { get; init; }

    /// <summary>Gets the penalty amount (≥ 0).</summary>
    public double? PenaltyAmount { get; init; }
}
