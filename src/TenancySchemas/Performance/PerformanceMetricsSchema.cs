using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;

namespace TenancySchemas.Performance;

/// <summary>A tenant's performance metrics (<c>docs/reference/performance-metrics.md</c>): thresholds, baselines, anomalies, trends, optimizations and SLAs.</summary>
public sealed record PerformanceMetricsSchema : Schemas.ITenancyDocument
{
    /// <summary>Gets the metrics id. The default value is a new GUID.</summary>
    public string MetricsId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the collection interval in seconds (5-3600), or null for the tier's shortest (no tier: 60).</summary>
    public int? CollectionIntervalSeconds { get; init; }

    /// <summary>Gets the retention in days (1-365), or null for the tier's longest (no tier: 90).</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Gets the aggregation intervals. The default value is <c>["1m", "5m", "1h", "1d"]</c>.</summary>
    public IReadOnlyList<string> AggregationIntervals { get; init => field = ValueList<string>.From(value); } = DefaultAggregationIntervals;

    /// <summary>Gets free-form system metrics.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> SystemMetrics { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<JsonElement>(null);

    /// <summary>Gets free-form application metrics.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> ApplicationMetrics { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<JsonElement>(null);

    /// <summary>Gets free-form business metrics.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> BusinessMetrics { get; init => field = ValueCollections.MapOfMaps(value); } = ValueCollections.MapOfMaps<JsonElement>(null);

    /// <summary>Gets the thresholds.</summary>
    public IReadOnlyList<MetricThreshold> Thresholds { get; init => field = ValueList<MetricThreshold>.From(value); } = ValueList<MetricThreshold>.Empty;

    /// <summary>Gets the baselines.</summary>
    public IReadOnlyList<PerformanceBaseline> Baselines { get; init => field = ValueList<PerformanceBaseline>.From(value); } = ValueList<PerformanceBaseline>.Empty;

    /// <summary>Gets the anomalies.</summary>
    public IReadOnlyList<AnomalyDetection> Anomalies { get; init => field = ValueList<AnomalyDetection>.From(value); } = ValueList<AnomalyDetection>.Empty;

    /// <summary>Gets the trends.</summary>
    public IReadOnlyList<PerformanceTrend> Trends { get; init => field = ValueList<PerformanceTrend>.From(value); } = ValueList<PerformanceTrend>.Empty;

    /// <summary>Gets the optimizations.</summary>
    public IReadOnlyList<PerformanceOptimization> Optimizations { get; init => field = ValueList<PerformanceOptimization>.From(value); } = ValueList<PerformanceOptimization>.Empty;

    /// <summary>Gets the SLA metrics.</summary>
    public IReadOnlyList<SlaMetrics> SlaMetrics { get; init => field = ValueList<SlaMetrics>.From(value); } = ValueList<SlaMetrics>.Empty;

    /// <summary>Gets a value indicating whether anomaly detection is on. The default value is <see langword="true"/>.</summary>
    public bool AnomalyDetectionEnabled { get; init; } = true;

    /// <summary>Gets a value indicating whether trend analysis is on. The default value is <see langword="true"/>.</summary>
    public bool TrendAnalysisEnabled { get; init; } = true;

    /// <summary>Gets a value indicating whether optimizations are applied automatically. The default value is <see langword="false"/>.</summary>
    public bool AutoOptimizationEnabled { get; init; }

    /// <summary>Gets free-form ML model settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> MlModelsConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets targets by key; an SLA's key is its name lower-cased with spaces as underscores.</summary>
    public IReadOnlyDictionary<string, double> PerformanceTargets { get; init => field = ValueMap<double>.From(value); } = ValueMap<double>.Empty;

    /// <summary>Gets free-form reporting settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> ReportingConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form dashboard settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> DashboardConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form external sources.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> ExternalMetricsSources { get; init => field = ValueCollections.ListOfMaps(value); } = ValueCollections.ListOfMaps<JsonElement>(null);

    /// <summary>Gets export endpoint URLs.</summary>
    [Isolation.Url]
    public IReadOnlyList<string> ExportEndpoints { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the stored overall score (0-100). The default value is 0.</summary>
    public double OverallPerformanceScore { get; init; }

    /// <summary>Gets the health band. The default value is <see cref="PerformanceStatus.Good"/>.</summary>
    public PerformanceStatus HealthStatus { get; init; } = PerformanceStatus.Good;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the last analysis instant.</summary>
    public DateTimeOffset? LastAnalysis { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the environment. The default value is <c>production</c>.</summary>
    public string Environment { get; init; } = "production";

    private static IReadOnlyList<string> DefaultAggregationIntervals { get; } = ValueList<string>.From(["1m", "5m", "1h", "1d"]);

    /// <summary>The key of an SLA in <see cref="PerformanceTargets"/>: its name lower-cased (invariant) with spaces as underscores.</summary>
    /// <param name="slaName">The SLA's name.</param>
    /// <returns>The key.</returns>
    public static string TargetKey(string slaName)
    {
        ArgumentNullException.ThrowIfNull(slaName);
        return slaName.ToLowerInvariant().Replace(' ', '_');
    }

    /// <summary>Gets the mean SLA achievement, weighted 3 for SLAs with a business impact; 0 without SLAs.</summary>
    /// <returns>The score.</returns>
    public double CalculateOverallScore()
    {
        double weighted = 0, weights = 0;
        foreach (var sla in SlaMetrics.Where(s => s is not null))
        {
            var weight = string.IsNullOrEmpty(sla.BusinessImpact) ? 1 : 3;
            weighted += weight * sla.AchievementPercentage;
            weights += weight;
        }

        return weights == 0 ? 0 : weighted / weights;
    }

    /// <summary>Gets the anomalies with a severity score of 80 or more.</summary>
    /// <returns>The anomalies.</returns>
    public IReadOnlyList<AnomalyDetection> GetCriticalAnomalies() => ValueList<AnomalyDetection>.From(Anomalies.Where(a => a?.SeverityScore >= 80));

    /// <summary>Gets the SLAs below 90 % achievement or in a poor or critical state.</summary>
    /// <returns>The SLAs.</returns>
    public IReadOnlyList<SlaMetrics> GetSlaViolations() =>
        ValueList<SlaMetrics>.From(SlaMetrics.Where(s => s is not null && (s.AchievementPercentage < 90 || s.Status is PerformanceStatus.Poor or PerformanceStatus.Critical)));

    /// <summary>Gets the high and critical optimizations: critical first, then by confidence, highest first; ties keep their order.</summary>
    /// <returns>The optimizations.</returns>
    public IReadOnlyList<PerformanceOptimization> GetOptimizationPriorities() =>
        ValueList<PerformanceOptimization>.From(Optimizations
            .Where(o => o?.Priority is OptimizationPriority.High or OptimizationPriority.Critical)
            .OrderBy(o => o.Priority == OptimizationPriority.Critical ? 0 : 1)
            .ThenByDescending(o => o.ConfidenceScore));

    /// <summary>Summarizes the metrics. Never throws.</summary>
    /// <param name="now">The report instant; <see langword="null"/> for the system clock.</param>
    /// <returns>The summary.</returns>
    public PerformanceSummary GeneratePerformanceSummary(DateTimeOffset? now = null)
    {
        var at = now ?? TimeProvider.System.GetUtcNow();
        var slas = SlaMetrics.Where(s => s is not null).ToList();
        var anomalies = Anomalies.Where(a => a is not null).ToList();
        var optimizations = Optimizations.Where(o => o is not null).ToList();
        var trends = Trends.Where(t => t is not null).ToList();
        static bool ResponseTime(PerformanceTrend t) => t.MetricName?.Contains("response_time", StringComparison.OrdinalIgnoreCase) == true;

        return new PerformanceSummary(
            TenantId,
            at,
            OverallPerformanceScore,
            HealthStatus,
            new SlaSummary(slas.Count, slas.Count(s => s.AchievementPercentage >= 95), GetSlaViolations().Count, slas.Count == 0 ? 0 : slas.Average(s => s.AchievementPercentage)),
            new AnomalySummary(anomalies.Count, GetCriticalAnomalies().Count, anomalies.Count(a => a.DetectionTimestamp >= at.AddHours(-24))),
            new OptimizationSummary(
                optimizations.Count,
                optimizations.Count(o => o.Priority == OptimizationPriority.High),
                optimizations.Count(o => o.Priority == OptimizationPriority.Critical),
                optimizations.Count(o => o.AutomationPossible)),
            new TrendSummary(
                trends.Count(t => t.Direction == TrendDirection.Decreasing && ResponseTime(t)),
                trends.Count(t => t.Direction == TrendDirection.Increasing && ResponseTime(t)),
                trends.Count(t => t.Direction == TrendDirection.Stable)));
    }

    /// <summary>
    /// Predicts values from the trends that are not stable and whose prediction confidence is above 70: the 7-day
    /// projection up to 7 days ahead, the 30-day one up to 30 days; and flags risks of rising response times (confidence
    /// above 80) and error rates (above 75).
    /// </summary>
    /// <param name="daysAhead">How far ahead, in days. The default value is 7.</param>
    /// <param name="now">The instant; <see langword="null"/> for the system clock.</param>
    /// <returns>The prediction.</returns>
    public PerformancePrediction PredictFuturePerformance(int daysAhead = 7, DateTimeOffset? now = null)
    {
        var at = now ?? TimeProvider.System.GetUtcNow();
        var predictions = new Dictionary<string, double>(StringComparer.Ordinal);
        var risks = new List<string>();
        foreach (var trend in Trends.Where(t => t is not null && t.Direction != TrendDirection.Stable && t.PredictionConfidence > 70))
        {
            double? value = daysAhead <= 7 && trend.ProjectedValue7d is { } week ? week
                : daysAhead <= 30 && trend.ProjectedValue30d is { } month ? month
                : null;
            if (value is { } predicted && trend.MetricName is { } metric)
            {
                predictions[metric] = predicted;
            }

            var name = trend.MetricName ?? string.Empty;
            if (trend.Direction == TrendDirection.Increasing && name.Contains("response_time", StringComparison.OrdinalIgnoreCase) && trend.PredictionConfidence > 80)
            {
                risks.Add($"High risk of performance degradation in {name}");
            }
            else if (trend.Direction == TrendDirection.Increasing && name.Contains("error", StringComparison.OrdinalIgnoreCase) && trend.PredictionConfidence > 75)
            {
                risks.Add($"Increasing error rate predicted for {name}");
            }
        }

        return new PerformancePrediction(at, daysAhead, predictions, ValueList<string>.From(risks));
    }

    private bool PrintMembers(System.Text.StringBuilder builder) => Security.RecordPrinter.Print(this, builder);
}

/// <summary>The result of <see cref="PerformanceMetricsSchema.GeneratePerformanceSummary"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ReportTimestamp">The report instant.</param>
/// <param name="OverallScore">The stored overall score.</param>
/// <param name="HealthStatus">The stored health band.</param>
/// <param name="Sla">SLA figures.</param>
/// <param name="Anomalies">Anomaly figures.</param>
/// <param name="Optimizations">Optimization figures.</param>
/// <param name="Trends">Response-time trend figures.</param>
public sealed record PerformanceSummary(
    string TenantId, DateTimeOffset ReportTimestamp, double OverallScore, PerformanceStatus HealthStatus,
    SlaSummary Sla, AnomalySummary Anomalies, OptimizationSummary Optimizations, TrendSummary Trends);

/// <summary>SLA figures of a performance summary.</summary>
/// <param name="Total">All SLAs.</param>
/// <param name="MeetingTargets">SLAs at 95 % or more.</param>
/// <param name="Violations">SLAs in violation.</param>
/// <param name="AverageAchievement">Mean achievement; 0 without SLAs.</param>
public sealed record SlaSummary(int Total, int MeetingTargets, int Violations, double AverageAchievement);

/// <summary>Anomaly figures of a performance summary.</summary>
/// <param name="Total">All anomalies.</param>
/// <param name="Critical">Anomalies with a severity of 80 or more.</param>
/// <param name="Last24h">Anomalies detected in the last 24 hours.</param>
public sealed record AnomalySummary(int Total, int Critical, int Last24h);

/// <summary>Optimization figures of a performance summary.</summary>
/// <param name="Total">All optimizations.</param>
/// <param name="High">High-priority ones.</param>
/// <param name="Critical">Critical ones.</param>
/// <param name="AutomationCandidates">Ones that can be automated.</param>
public sealed record OptimizationSummary(int Total, int High, int Critical, int AutomationCandidates);

/// <summary>Trend figures of a performance summary (response-time trends improve when they decrease).</summary>
/// <param name="Improving">Decreasing response-time trends.</param>
/// <param name="Degrading">Increasing response-time trends.</param>
/// <param name="Stable">Stable trends.</param>
public sealed record TrendSummary(int Improving, int Degrading, int Stable);

/// <summary>The result of <see cref="PerformanceMetricsSchema.PredictFuturePerformance"/>.</summary>
/// <param name="PredictionTimestamp">The instant of the prediction.</param>
/// <param name="DaysAhead">How far ahead, in days.</param>
/// <param name="Predictions">Predicted values by metric name.</param>
/// <param name="RiskFactors">Risks found.</param>
public sealed record PerformancePrediction(DateTimeOffset PredictionTimestamp, int DaysAhead, IReadOnlyDictionary<string, double> Predictions, IReadOnlyList<string> RiskFactors);
