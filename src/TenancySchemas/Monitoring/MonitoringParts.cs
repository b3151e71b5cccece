using System.Text.Json;
using TenancySchemas.Common;
using TenancySchemas.Json;

namespace TenancySchemas.Monitoring;

/// <summary>A metric a monitoring configuration collects.</summary>
public sealed record MonitoringMetric
{
    /// <summary>Gets the metric id, unique over metrics and custom metrics; dashboard panels refer to it.</summary>
    public required string MetricId { get; init; }

    /// <summary>Gets the metric name; alert rules refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the kind of metric.</summary>
    public required MetricType MetricType { get; init; }

    /// <summary>Gets where the metric comes from.</summary>
    public required MetricSource Source { get; init; }

    /// <summary>Gets the query that produces it.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the unit.</summary>
    public required string Unit { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets how samples are aggregated. The default value is <see cref="AggregationMethod.Avg"/>.</summary>
    public AggregationMethod AggregationMethod { get; init; } = AggregationMethod.Avg;

    /// <summary>Gets the sampling interval in seconds (1-3600). The default value is 60.</summary>
    public int SamplingIntervalSeconds { get; init; } = 60;

    /// <summary>Gets how long samples are kept. The default value is <see cref="RetentionPeriod.Days30"/>.</summary>
    public RetentionPeriod RetentionPeriod { get; init; } = RetentionPeriod.Days30;

    /// <summary>Gets the warning threshold (not ordered against the critical one: the metric has no operator).</summary>
    public double? WarningThreshold { get; init; }

    /// <summary>Gets the critical threshold.</summary>
    public double? CriticalThreshold { get; init; }

    /// <summary>Gets the baseline value.</summary>
    public double? BaselineValue { get; init; }

    /// <summary>Gets a value indicating whether the metric is collected. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets a value indicating whether the metric is per tenant. The default value is <see langword="true"/>.</summary>
    public bool TenantSpecific { get; init; } = true;

    /// <summary>Gets a value indicating whether the metric has business impact. The default value is <see langword="false"/>.</summary>
    public bool BusinessImpact { get; init; }
}

/// <summary>A panel of a dashboard.</summary>
public sealed record DashboardPanel
{
    /// <summary>Gets the panel id, unique within its dashboard.</summary>
    public required string PanelId { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the kind of panel.</summary>
    public required PanelType PanelType { get; init; }

    /// <summary>Gets the ids of the metrics shown.</summary>
    public required IReadOnlyList<string> Metrics { get; init => field = ValueList<string>.From(value); }

    /// <summary>Gets the time range. The default value is <c>1h</c>.</summary>
    public string TimeRange { get; init; } = "1h";

    /// <summary>Gets the position: <c>x</c>, <c>y</c> ≥ 0 and <c>width</c>, <c>height</c> ≥ 1.</summary>
    public required IReadOnlyDictionary<string, int> Position { get; init => field = ValueMap<int>.From(value); }

    /// <summary>Gets free-form visualization settings.</summary>
    public IReadOnlyDictionary<string, JsonElement> VisualizationConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the color scheme.</summary>
    public string? ColorScheme { get; init; }

    /// <summary>Gets a value indicating whether drill-down is on. The default value is <see langword="false"/>.</summary>
    public bool DrillDownEnabled { get; init; }

    /// <summary>Gets a value indicating whether export is on. The default value is <see langword="true"/>.</summary>
    public bool ExportEnabled { get; init; } = true;
}

/// <summary>A dashboard.</summary>
public sealed record MonitoringDashboard
{
    /// <summary>Gets the dashboard id.</summary>
    public required string DashboardId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the kind of dashboard.</summary>
    public required DashboardType DashboardType { get; init; }

    /// <summary>Gets the category.</summary>
    public required string Category { get; init; }

    /// <summary>Gets tags.</summary>
    public IReadOnlyList<string> Tags { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets the panels (may be empty).</summary>
    public required IReadOnlyList<DashboardPanel> Panels { get; init => field = ValueList<DashboardPanel>.From(value); }

    /// <summary>Gets free-form variables.</summary>
    public IReadOnlyDictionary<string, JsonElement> Variables { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets the refresh interval in seconds (5-3600). The default value is 30.</summary>
    public int RefreshIntervalSeconds { get; init; } = 30;

    /// <summary>Gets a value indicating whether it refreshes itself. The default value is <see langword="true"/>.</summary>
    public bool AutoRefresh { get; init; } = true;

    /// <summary>Gets a value indicating whether it is shared. The default value is <see langword="false"/>.</summary>
    public bool Shared { get; init; }

    /// <summary>Gets who may view it.</summary>
    public IReadOnlyList<string> Viewers { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets who may edit it.</summary>
    public IReadOnlyList<string> Editors { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the version. The default value is <c>1.0</c>.</summary>
    public string Version { get; init; } = "1.0";
}

/// <summary>A service that is scraped for metrics.</summary>
public sealed record MonitoringTarget
{
    /// <summary>Gets the target id.</summary>
    public required string TargetId { get; init; }

    /// <summary>Gets the name; the Prometheus job name of the export.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the kind of target.</summary>
    public required TargetType TargetType { get; init; }

    /// <summary>Gets the endpoint URL.</summary>
    [Isolation.Url]
    public required string Endpoint { get; init; }

    /// <summary>Gets the health-check path. The default value is <c>/health</c>.</summary>
    [Isolation.Url(Isolation.UrlKind.Path)]
    public string HealthCheckPath { get; init; } = "/health";

    /// <summary>Gets the metrics path. The default value is <c>/metrics</c>.</summary>
    [Isolation.Url(Isolation.UrlKind.Path)]
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>Gets the scrape interval in seconds (5-300). The default value is 30.</summary>
    public int ScrapeIntervalSeconds { get; init; } = 30;

    /// <summary>Gets the scrape timeout in seconds (1-60, below the interval). The default value is 10.</summary>
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>Gets free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the environment. The default value is <c>production</c>.</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Gets the region.</summary>
    public string? Region { get; init; }

    /// <summary>Gets a value indicating whether it is scraped. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets when it was last seen.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Gets its status. The default value is <see cref="TargetStatus.Unknown"/>.</summary>
    public TargetStatus Status { get; init; } = TargetStatus.Unknown;
}

/// <summary>A Prometheus-style alert rule on a metric.</summary>
public sealed record AlertRule
{
    /// <summary>Gets the rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the name of the metric, which a metric of the configuration must have.</summary>
    public required string MetricName { get; init; }

    /// <summary>Gets the comparison.</summary>
    public required AlertConditionOperator Operator { get; init; }

    /// <summary>Gets the threshold: numeric for gt, gte, lt and lte; a .NET regular expression for regex and not_regex.</summary>
    public required Threshold Threshold { get; init; }

    /// <summary>Gets how long the condition must hold in minutes (1-1440). The default value is 5.</summary>
    public int DurationMinutes { get; init; } = 5;

    /// <summary>Gets the evaluation interval in minutes (1-60). The default value is 1.</summary>
    public int EvaluationIntervalMinutes { get; init; } = 1;

    /// <summary>Gets free-form labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets free-form annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the severity.</summary>
    public required AlertRuleSeverity Severity { get; init; }

    /// <summary>Gets a value indicating whether the rule is on. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>The storage a monitoring configuration needs (<see cref="MonitoringConfigSchema.CalculateStorageRequirements"/>).</summary>
/// <param name="DailyStorageMb">The MB written per day.</param>
/// <param name="TotalStorageGb">The GB kept over the retention.</param>
/// <param name="MetricsCount">The enabled metrics.</param>
/// <param name="AvgSamplingInterval">Their mean sampling interval in seconds.</param>
public sealed record StorageEstimate(double DailyStorageMb, double TotalStorageGb, int MetricsCount, double AvgSamplingInterval);
