using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Security;
using TenancySchemas.Tiers;

namespace TenancySchemas.Monitoring;

/// <summary>A tenant's monitoring configuration (<c>docs/reference/monitoring-config.md</c>).</summary>
public sealed record MonitoringConfigSchema : Schemas.ITenancyDocument
{
    private const int DefaultCollectionIntervalSeconds = 60;
    private const int DefaultRetentionDays = 30;

    /// <summary>Gets the configuration id. The default value is a new GUID.</summary>
    public string ConfigId { get; init; } = RandomIds.NewUuid();

    /// <summary>Gets the owning tenant's id.</summary>
    public required string TenantId { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets a value indicating whether monitoring is on. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the collection interval in seconds (5-3600), or null for the tier's shortest (no tier: 60).</summary>
    public int? CollectionIntervalSeconds { get; init; }

    /// <summary>Gets the retention in days (1-365), or null for the tier's longest (no tier: 30).</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Gets the metrics.</summary>
    public IReadOnlyList<MonitoringMetric> Metrics { get; init => field = ValueList<MonitoringMetric>.From(value); } = ValueList<MonitoringMetric>.Empty;

    /// <summary>Gets the custom metrics.</summary>
    public IReadOnlyList<MonitoringMetric> CustomMetrics { get; init => field = ValueList<MonitoringMetric>.From(value); } = ValueList<MonitoringMetric>.Empty;

    /// <summary>Gets the dashboards.</summary>
    public IReadOnlyList<MonitoringDashboard> Dashboards { get; init => field = ValueList<MonitoringDashboard>.From(value); } = ValueList<MonitoringDashboard>.Empty;

    /// <summary>Gets the id of the default dashboard, which must exist.</summary>
    public string? DefaultDashboard { get; init; }

    /// <summary>Gets the targets.</summary>
    public IReadOnlyList<MonitoringTarget> Targets { get; init => field = ValueList<MonitoringTarget>.From(value); } = ValueList<MonitoringTarget>.Empty;

    /// <summary>Gets the alert rules.</summary>
    public IReadOnlyList<AlertRule> AlertRules { get; init => field = ValueList<AlertRule>.From(value); } = ValueList<AlertRule>.Empty;

    /// <summary>Gets free-form Prometheus settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> PrometheusConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form Grafana settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> GrafanaConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form OpenTelemetry settings.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> OpentelemetryConfig { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets free-form external integrations.</summary>
    [Isolation.Url(Isolation.UrlKind.Link)]
    public IReadOnlyDictionary<string, JsonElement> ExternalIntegrations { get; init => field = ValueMap<JsonElement>.From(value); } = ValueMap<JsonElement>.Empty;

    /// <summary>Gets webhook endpoints (sensitive; only on tiers that allow webhooks).</summary>
    [Sensitive(SensitiveKind.Url)]
    [Isolation.Url]
    public IReadOnlyList<string> WebhookEndpoints { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Gets who may do what.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AccessControl { get; init => field = ValueCollections.MapOfLists(value); } = ValueCollections.MapOfLists<string>(null);

    /// <summary>Gets API keys by name (sensitive).</summary>
    [Sensitive]
    public IReadOnlyDictionary<string, string> ApiKeys { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Gets the sampling rate (0-1). The default value is 1.</summary>
    public double SamplingRate { get; init; } = 1.0;

    /// <summary>Gets a value indicating whether data is compressed. The default value is <see langword="true"/>.</summary>
    public bool CompressionEnabled { get; init; } = true;

    /// <summary>Gets the batch size (1-1000). The default value is 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Gets the creation instant. The default value is now.</summary>
    [DefaultsToNow]
    public DateTimeOffset CreatedAt { get; init; } = TimeProvider.System.GetUtcNow();

    /// <summary>Gets the last update instant.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the version. The default value is <c>1.0</c>.</summary>
    public string Version { get; init; } = "1.0";

    /// <summary>Gets the environment. The default value is <c>production</c>.</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init => field = ValueMap<string>.From(value); } = ValueMap<string>.Empty;

    /// <summary>Finds a metric by id, in metrics then custom metrics.</summary>
    /// <param name="metricId">The id.</param>
    /// <returns>The first match, or <see langword="null"/>.</returns>
    public MonitoringMetric? GetMetricById(string metricId) =>
        AllMetrics().FirstOrDefault(m => string.Equals(m.MetricId, metricId, StringComparison.Ordinal));

    /// <summary>Finds a dashboard by id.</summary>
    /// <param name="dashboardId">The id.</param>
    /// <returns>The first match, or <see langword="null"/>.</returns>
    public MonitoringDashboard? GetDashboardById(string dashboardId) =>
        Dashboards.FirstOrDefault(d => d is not null && string.Equals(d.DashboardId, dashboardId, StringComparison.Ordinal));

    /// <summary>Gets the enabled metrics, metrics then custom metrics.</summary>
    /// <returns>The enabled metrics.</returns>
    public IReadOnlyList<MonitoringMetric> GetEnabledMetrics() => ValueList<MonitoringMetric>.From(AllMetrics().Where(m => m.Enabled));

    /// <summary>Gets the metrics with business impact, metrics then custom metrics.</summary>
    /// <returns>The business metrics.</returns>
    public IReadOnlyList<MonitoringMetric> GetBusinessMetrics() => ValueList<MonitoringMetric>.From(AllMetrics().Where(m => m.BusinessImpact));

    /// <summary>
    /// Estimates storage: 8 bytes per sample of each enabled metric at their mean sampling interval, kept for the
    /// effective retention. All zero when no metric is enabled.
    /// </summary>
    /// <param name="limits">The tenant's tier limits, which fill an unset retention; <see langword="null"/> for the original default.</param>
    /// <returns>The estimate.</returns>
    public StorageEstimate CalculateStorageRequirements(TierLimits? limits = null)
    {
        var enabled = GetEnabledMetrics();
        if (enabled.Count == 0)
        {
            return new StorageEstimate(0, 0, 0, 0);
        }

        var average = enabled.Average(m => (double)m.SamplingIntervalSeconds);
        var bytesPerDay = average > 0 ? 86400 / average * enabled.Count * 8 : 0;
        var total = bytesPerDay * EffectiveRetentionDays(limits);
        return new StorageEstimate(bytesPerDay / (1024 * 1024), total / (1024 * 1024 * 1024), enabled.Count, average);
    }

    /// <summary>
    /// Exports a Prometheus configuration: the global intervals, one scrape job per enabled target, the rule files and
    /// the Alertmanager. Job names are the target names, made unique with a <c>-2</c>, <c>-3</c>… suffix because
    /// Prometheus refuses duplicates; durations are in Prometheus form (<c>30s</c>).
    /// </summary>
    /// <param name="limits">The tenant's tier limits, which fill an unset collection interval; <see langword="null"/> for the original default.</param>
    /// <returns>The configuration as a JSON object (YAML-compatible).</returns>
    public JsonObject ExportPrometheusConfig(TierLimits? limits = null)
    {
        var jobs = new JsonArray();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in Targets.Where(t => t is { Enabled: true }))
        {
            var name = string.IsNullOrEmpty(target.Name) ? target.TargetId ?? "target" : target.Name;
            var jobName = used.TryGetValue(name, out var seen) ? $"{name}-{seen + 1}" : name;
            used[name] = seen + 1;
            jobs.Add(new JsonObject
            {
                ["job_name"] = jobName,
                ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(target.Endpoint) }),
                ["scrape_interval"] = Seconds(target.ScrapeIntervalSeconds),
                ["scrape_timeout"] = Seconds(target.TimeoutSeconds),
                ["metrics_path"] = target.MetricsPath,
            });
        }

        return new JsonObject
        {
            ["global"] = new JsonObject
            {
                ["scrape_interval"] = Seconds(EffectiveCollectionIntervalSeconds(limits)),
                ["evaluation_interval"] = "15s",
            },
            ["scrape_configs"] = jobs,
            ["rule_files"] = new JsonArray("alerts/*.yml"),
            ["alerting"] = new JsonObject
            {
                ["alertmanagers"] = new JsonArray(new JsonObject
                {
                    ["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray("alertmanager:9093") }),
                }),
            },
        };
    }

    private int EffectiveCollectionIntervalSeconds(TierLimits? limits) =>
        CollectionIntervalSeconds ?? limits?.MinCollectionIntervalSeconds ?? DefaultCollectionIntervalSeconds;

    private int EffectiveRetentionDays(TierLimits? limits) => RetentionDays ?? limits?.MaxRetentionDays ?? DefaultRetentionDays;

    private IEnumerable<MonitoringMetric> AllMetrics() => Metrics.Concat(CustomMetrics).Where(m => m is not null);

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture) + "s";

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);
}
