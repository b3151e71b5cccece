using System.Text.RegularExpressions;
using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Monitoring;

/// <summary>The rules (<c>docs/reference/monitoring-config.md</c>) for <see cref="MonitoringConfigSchema"/>: field rules, M1-M8, then one rule set per tier.</summary>
internal sealed class MonitoringConfigValidator : FamilyValidator<MonitoringConfigSchema>
{
    public MonitoringConfigValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.ConfigId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.CollectionIntervalSeconds).InclusiveBetween(5, 3600);
        RuleFor(x => x.RetentionDays).InclusiveBetween(1, 365);
        var metric = new MonitoringMetricValidator();
        RuleForEach(x => x.Metrics).NotNull().SetValidator(metric);
        RuleForEach(x => x.CustomMetrics).NotNull().SetValidator(metric);
        RuleForEach(x => x.Dashboards).NotNull().SetValidator(new MonitoringDashboardValidator());
        RuleForEach(x => x.Targets).NotNull().SetValidator(new MonitoringTargetValidator());
        RuleForEach(x => x.AlertRules).NotNull().SetValidator(new AlertRuleValidator());
        RuleForEach(x => x.WebhookEndpoints).NotEmpty().HttpUrl();
        RuleFor(x => x.SamplingRate).InclusiveBetween(0.0, 1.0);
        RuleFor(x => x.BatchSize).InclusiveBetween(1, 1000);
        RuleFor(x => x.Version).NotNull();
        RuleFor(x => x.Environment).NotNull();
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        RuleFor(x => x).Reports(
            [TenancyErrorCodes.MonitoringUnknownPanelMetric, TenancyErrorCodes.MonitoringDuplicateId, TenancyErrorCodes.MonitoringUnknownRuleMetric, TenancyErrorCodes.MonitoringUnknownDefaultDashboard],
            (config, report) =>
        {
            var metricIds = config.Metrics.Concat(config.CustomMetrics).Where(m => m is not null).Select(m => m.MetricId).ToHashSet(StringComparer.Ordinal);
            var metricNames = config.Metrics.Concat(config.CustomMetrics).Where(m => m is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

            // M1: panels show existing metrics.
            for (var d = 0; d < config.Dashboards.Count; d++)
            {
                var panels = config.Dashboards[d]?.Panels ?? [];
                for (var p = 0; p < panels.Count; p++)
                {
                    var metrics = panels[p]?.Metrics ?? [];
                    for (var m = 0; m < metrics.Count; m++)
                    {
                        if (metrics[m] is { } id && !metricIds.Contains(id))
                        {
                            report.Add($"Dashboards[{d}].Panels[{p}].Metrics[{m}]", TenancyErrorCodes.MonitoringUnknownPanelMetric, MessageArgs.Of(("MetricId", MessageValue.Quote(id))));
                        }
                    }
                }

                // M5: panel ids are unique within their dashboard.
                report.ReportDuplicates(panels, panel => panel.PanelId, p => $"Dashboards[{d}].Panels[{p}].PanelId", "panel_id", TenancyErrorCodes.MonitoringDuplicateId);
            }

            // M2: alert rules watch existing metrics.
            for (var r = 0; r < config.AlertRules.Count; r++)
            {
                if (config.AlertRules[r]?.MetricName is { } name && !metricNames.Contains(name))
                {
                    report.Add($"AlertRules[{r}].MetricName", TenancyErrorCodes.MonitoringUnknownRuleMetric, MessageArgs.Of(("MetricName", MessageValue.Quote(name))));
                }
            }

            // M3.
            if (config.DefaultDashboard is { } dashboard && config.GetDashboardById(dashboard) is null)
            {
                report.Add("DefaultDashboard", TenancyErrorCodes.MonitoringUnknownDefaultDashboard, MessageArgs.Of(("DashboardId", MessageValue.Quote(dashboard))));
            }

            // M5: ids are unique; metric ids over both lists.
            var seenMetricIds = new HashSet<string>(StringComparer.Ordinal);
            report.ReportDuplicates(config.Metrics, m => m.MetricId, i => $"Metrics[{i}].MetricId", "metric_id", TenancyErrorCodes.MonitoringDuplicateId, seenMetricIds);
            report.ReportDuplicates(config.CustomMetrics, m => m.MetricId, i => $"CustomMetrics[{i}].MetricId", "metric_id", TenancyErrorCodes.MonitoringDuplicateId, seenMetricIds);
            report.ReportDuplicates(config.Dashboards, x => x.DashboardId, i => $"Dashboards[{i}].DashboardId", "dashboard_id", TenancyErrorCodes.MonitoringDuplicateId);
            report.ReportDuplicates(config.Targets, x => x.TargetId, i => $"Targets[{i}].TargetId", "target_id", TenancyErrorCodes.MonitoringDuplicateId);
            report.ReportDuplicates(config.AlertRules, x => x.RuleId, i => $"AlertRules[{i}].RuleId", "rule_id", TenancyErrorCodes.MonitoringDuplicateId);
        });

        TierRuleSets(TierRules);
    }


    private void TierRules(TenantType tier)
    {
        MinimumCollectionInterval(tier, x => x.CollectionIntervalSeconds);
        RuleFor(x => x.Metrics)
            .Satisfies((config, _) => config.Metrics.Count + config.CustomMetrics.Count <= Limits(tier).MaxMetrics)
            .WithTenancyError(TenancyErrorCodes.TierTooManyMetrics, (config, _) =>
                MessageArgs.Of(("Tier", TierName(tier)), ("Limit", Limits(tier).MaxMetrics), ("Count", config.Metrics.Count + config.CustomMetrics.Count)))
            .WithTierSchema(TierSchemaHint.MaxItems(l => l.MaxMetrics));
        MaximumRetention(tier, x => x.RetentionDays, "data.monitoring");
        RuleFor(x => x.WebhookEndpoints)
            .Satisfies(urls => urls.Count == 0 || Limits(tier).WebhooksAllowed)
            .WithTenancyError(TenancyErrorCodes.TierWebhookNotAllowed, (_, _) => MessageArgs.Of(("Tier", TierName(tier))))
            .WithTierSchema(TierSchemaHint.OnlyIf(l => l.WebhooksAllowed));
    }
}

/// <summary>Field rules of one metric, plus Prometheus's naming rules as Warnings (the contract does not check names, so they cannot change a verdict).</summary>
internal sealed partial class MonitoringMetricValidator : AbstractValidator<MonitoringMetric>
{
    public MonitoringMetricValidator()
    {
        RuleFor(x => x.MetricId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();

        // Names reach Prometheus unchanged (ExportPrometheusConfig, recording rules): a name it rejects fails there, not here.
        RuleFor(x => x.Name)
            .Satisfies(name => string.IsNullOrEmpty(name) || PrometheusMetricName().IsMatch(name))
            .WithTenancyError(TenancyErrorCodes.MonitoringMetricNameFormat, (_, name) => MessageArgs.Of(("Name", MessageValue.Quote(name))))
            .WithSeverity(Severity.Warning);
        RuleFor(x => x.Labels).Reports(TenancyErrorCodes.MonitoringLabelNameFormat, (labels, report) => ReportLabelNames(labels, "Labels", report));
        RuleFor(x => x.DisplayName).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleFor(x => x.MetricType).DefinedEnum();
        RuleFor(x => x.Source).DefinedEnum();
        RuleFor(x => x.Query).NotEmpty();
        RuleFor(x => x.Unit).NotEmpty();
        RuleFor(x => x.AggregationMethod).DefinedEnum();
        RuleFor(x => x.SamplingIntervalSeconds).InclusiveBetween(1, 3600);
        RuleFor(x => x.RetentionPeriod).DefinedEnum();
    }

    /// <summary>Prometheus metric names: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> (prometheus.io/docs/concepts/data_model).</summary>
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrometheusMetricName();

    /// <summary>Prometheus label names: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>; names starting with <c>__</c> are reserved for internal use.</summary>
    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrometheusLabelName();

    private static void ReportLabelNames(IReadOnlyDictionary<string, string> labels, string property, FailureReport<MonitoringMetric> report)
    {
        foreach (var name in labels.Keys)
        {
            if (!PrometheusLabelName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal))
            {
                report.Add($"{property}[{WirePaths.Key(name)}]", TenancyErrorCodes.MonitoringLabelNameFormat, MessageArgs.Of(("Name", MessageValue.Quote(name))), Severity.Warning);
            }
        }
    }
}

internal sealed class MonitoringDashboardValidator : AbstractValidator<MonitoringDashboard>
{
    public MonitoringDashboardValidator()
    {
        RuleFor(x => x.DashboardId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.DashboardType).DefinedEnum();
        RuleFor(x => x.Category).NotEmpty();
        RuleFor(x => x.CreatedBy).NotEmpty();
        RuleFor(x => x.RefreshIntervalSeconds).InclusiveBetween(5, 3600);
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");
        RuleForEach(x => x.Panels).NotNull().SetValidator(new MonitoringPanelValidator());
    }
}

internal sealed class MonitoringPanelValidator : AbstractValidator<DashboardPanel>
{
    private static readonly string[] PositionKeys = ["x", "y", "width", "height"];

    public MonitoringPanelValidator()
    {
        RuleFor(p => p.PanelId).NotEmpty();
        RuleFor(p => p.Title).NotEmpty();
        RuleFor(p => p.PanelType).DefinedEnum();

        // M7.
        RuleFor(p => p.Position)
            .Satisfies(position => PositionKeys.All(position.ContainsKey) && position["x"] >= 0 && position["y"] >= 0 && position["width"] >= 1 && position["height"] >= 1)
            .WithTenancyError(TenancyErrorCodes.MonitoringPanelPosition);
    }
}

internal sealed class MonitoringTargetValidator : AbstractValidator<MonitoringTarget>
{
    public MonitoringTargetValidator()
    {
        RuleFor(x => x.TargetId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.TargetType).DefinedEnum();
        RuleFor(x => x.Endpoint).NotEmpty().HttpUrl();
        RuleFor(x => x.ScrapeIntervalSeconds).InclusiveBetween(5, 300);
        RuleFor(x => x.TimeoutSeconds).InclusiveBetween(1, 60);
        RuleFor(x => x.Status).DefinedEnum();

        // M4.
        RuleFor(x => x.TimeoutSeconds)
            .Satisfies((target, timeout) => timeout < target.ScrapeIntervalSeconds)
            .WithTenancyError(TenancyErrorCodes.MonitoringTimeoutNotBelowInterval, (target, timeout) => MessageArgs.Of(("Timeout", timeout), ("Interval", target.ScrapeIntervalSeconds)));
    }
}

internal sealed class AlertRuleValidator : AbstractValidator<AlertRule>
{
    public AlertRuleValidator()
    {
        RuleFor(x => x.RuleId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.Operator).DefinedEnum();
        RuleFor(x => x.Severity).DefinedEnum();
        RuleFor(x => x.DurationMinutes).InclusiveBetween(1, 1440);
        RuleFor(x => x.EvaluationIntervalMinutes).InclusiveBetween(1, 60);

        // M6: ordering operators need a number; regex operators need a text that compiles.
        RuleFor(x => x.Threshold)
            .Satisfies((rule, threshold) => rule.Operator is not (AlertConditionOperator.Gt or AlertConditionOperator.Gte or AlertConditionOperator.Lt or AlertConditionOperator.Lte) || threshold.TryGetNumber(out _))
            .WithTenancyError(TenancyErrorCodes.MonitoringInvalidThreshold, (rule, _) => ThresholdArgs(rule, "threshold.numeric"));
        RuleFor(x => x.Threshold)
            .Satisfies((rule, threshold) => rule.Operator is not (AlertConditionOperator.Regex or AlertConditionOperator.NotRegex) || IsRegex(threshold))
            .WithTenancyError(TenancyErrorCodes.MonitoringInvalidThreshold, (rule, _) => ThresholdArgs(rule, "threshold.regex"));
    }

    private static MessageArgs ThresholdArgs(AlertRule rule, string expected) =>
        MessageArgs.Of(("Operator", rule.Operator.ToWireOrNumber()), ("Expected", TenancyStringLocalizer.Instance[expected].Value));

    // Compiled with a timeout: the pattern comes from the document, so it must not be able to hang validation.
    private static bool IsRegex(Threshold threshold)
    {
        if (threshold.Kind != ThresholdKind.Text || threshold.Text is not { Length: <= 1000 } pattern)
        {
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
