using FluentValidation;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Performance;

/// <summary>The rules (<c>docs/reference/performance-metrics.md</c>) for <see cref="PerformanceMetricsSchema"/>: field rules, P1-P6, then one rule set per tier.</summary>
internal sealed class PerformanceMetricsValidator : FamilyValidator<PerformanceMetricsSchema>
{
    public PerformanceMetricsValidator(RuleServices services)
        : base(services)
    {
        RuleFor(x => x.MetricsId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().TenantIdFormat();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.CollectionIntervalSeconds).InclusiveBetween(5, 3600);
        RuleFor(x => x.RetentionDays).InclusiveBetween(1, 365);
        RuleForEach(x => x.Thresholds).NotNull().SetValidator(new MetricThresholdValidator());
        RuleForEach(x => x.Baselines).NotNull().SetValidator(new PerformanceBaselineValidator());
        RuleForEach(x => x.Anomalies).NotNull().SetValidator(new AnomalyDetectionValidator());
        RuleForEach(x => x.Trends).NotNull().SetValidator(new PerformanceTrendValidator());
        RuleForEach(x => x.Optimizations).NotNull().SetValidator(new PerformanceOptimizationValidator());
        RuleForEach(x => x.SlaMetrics).NotNull().SetValidator(new SlaMetricsValidator());
        RuleForEach(x => x.ExportEndpoints).NotEmpty().HttpUrl();
        RuleFor(x => x.OverallPerformanceScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.HealthStatus).DefinedEnum();
        RuleFor(x => x.Environment).NotNull();
        this.NotBefore(x => x.UpdatedAt, x => x.CreatedAt, "updated_at", "created_at");

        RuleFor(x => x).Reports(
            [TenancyErrorCodes.PerformanceInconsistentTargets, TenancyErrorCodes.PerformanceBaselineOrder, TenancyErrorCodes.TimestampOrder, TenancyErrorCodes.PerformanceUnknownBaseline, TenancyErrorCodes.PerformanceDuplicateId],
            (metrics, report) =>
        {
            // P1: a target and the SLA of the same key agree exactly.
            for (var i = 0; i < metrics.SlaMetrics.Count; i++)
            {
                if (metrics.SlaMetrics[i] is { Name: { } name } sla && PerformanceMetricsSchema.TargetKey(name) is var key &&
                    metrics.PerformanceTargets.TryGetValue(key, out var target) && target != sla.TargetValue)
                {
                    report.Add($"PerformanceTargets[{WirePaths.Key(key)}]", TenancyErrorCodes.PerformanceInconsistentTargets, MessageArgs.Of(("Key", MessageValue.Quote(key))));
                }
            }

            // P2, P3 for baselines and trends (messages name the item).
            for (var i = 0; i < metrics.Baselines.Count; i++)
            {
                if (metrics.Baselines[i] is not { } b)
                {
                    continue;
                }

                var at = $"baselines[{i}].";
                void Order(double lower, double upper, string lowerName, string upperName, string property)
                {
                    if (lower > upper)
                    {
                        report.Add($"Baselines[{i}].{property}", TenancyErrorCodes.PerformanceBaselineOrder, MessageArgs.Of(("Lower", at + lowerName), ("Upper", at + upperName)));
                    }
                }

                Order(b.MinValue, b.MedianValue, "min_value", "median_value", "MinValue");
                Order(b.MedianValue, b.MaxValue, "median_value", "max_value", "MedianValue");
                Order(b.P95Value, b.P99Value, "p95_value", "p99_value", "P95Value");
                report.CheckOrder(b.ObservationEnd, b.ObservationStart, at + "observation_end", at + "observation_start", $"Baselines[{i}].ObservationEnd");
            }

            for (var i = 0; i < metrics.Trends.Count; i++)
            {
                if (metrics.Trends[i] is { } t)
                {
                    report.CheckOrder(t.EndDate, t.StartDate, $"trends[{i}].end_date", $"trends[{i}].start_date", $"Trends[{i}].EndDate");
                }
            }

            // P6.
            var baselineIds = metrics.Baselines.Where(b => b is not null).Select(b => b.BaselineId).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < metrics.Anomalies.Count; i++)
            {
                if (metrics.Anomalies[i]?.BaselineId is { } baselineId && !baselineIds.Contains(baselineId))
                {
                    report.Add($"Anomalies[{i}].BaselineId", TenancyErrorCodes.PerformanceUnknownBaseline,
                        MessageArgs.Of(("BaselineId", MessageValue.Quote(baselineId))), Severity.Warning);
                }
            }

            // P5.
            report.ReportDuplicates(metrics.Thresholds, x => x.ThresholdId, i => $"Thresholds[{i}].ThresholdId", "threshold_id", TenancyErrorCodes.PerformanceDuplicateId);
            report.ReportDuplicates(metrics.Baselines, x => x.BaselineId, i => $"Baselines[{i}].BaselineId", "baseline_id", TenancyErrorCodes.PerformanceDuplicateId);
            report.ReportDuplicates(metrics.Anomalies, x => x.AnomalyId, i => $"Anomalies[{i}].AnomalyId", "anomaly_id", TenancyErrorCodes.PerformanceDuplicateId);
            report.ReportDuplicates(metrics.Trends, x => x.TrendId, i => $"Trends[{i}].TrendId", "trend_id", TenancyErrorCodes.PerformanceDuplicateId);
            report.ReportDuplicates(metrics.Optimizations, x => x.OptimizationId, i => $"Optimizations[{i}].OptimizationId", "optimization_id", TenancyErrorCodes.PerformanceDuplicateId);
            report.ReportDuplicates(metrics.SlaMetrics, x => x.SlaId, i => $"SlaMetrics[{i}].SlaId", "sla_id", TenancyErrorCodes.PerformanceDuplicateId);
        });

        TierRuleSets(tier =>
        {
            MinimumCollectionInterval(tier, x => x.CollectionIntervalSeconds);
            MaximumRetention(tier, x => x.RetentionDays, "data.performance");
            SlaTargetsWithinPromise(tier);
        });
    }

    /// <summary>
    /// An SLA that targets better than the tier may promise (the tier table: BestUptimePercentage, BestResponseTimeMs,
    /// BestSupportResponseMinutes) is a Warning, not an Error: measuring against a stricter internal target is legitimate,
    /// but it usually means the tenant was promised more than its tier sells.
    /// </summary>
    private void SlaTargetsWithinPromise(TenantType tier) =>
        RuleFor(x => x.SlaMetrics).Reports(TenancyErrorCodes.TierSlaTargetBeyondPromise, (slas, report) =>
        {
            var limits = Limits(tier);
            for (var i = 0; i < slas.Count; i++)
            {
                if (slas[i] is not { Name: { } name } sla)
                {
                    continue;
                }

                // The SLA's name says what it measures, as in P1's key: "API Availability" → api_availability.
                var key = PerformanceMetricsSchema.TargetKey(name);
                double? promise =
                    key.Contains("support_response", StringComparison.Ordinal) ? (sla.TargetValue < limits.BestSupportResponseMinutes ? limits.BestSupportResponseMinutes : null)
                    : key.Contains("response_time", StringComparison.Ordinal) ? (sla.TargetValue < limits.BestResponseTimeMs ? limits.BestResponseTimeMs : null)
                    : key.Contains("uptime", StringComparison.Ordinal) || key.Contains("availability", StringComparison.Ordinal)
                        ? (sla.TargetValue > limits.BestUptimePercentage ? limits.BestUptimePercentage : null)
                    : null;
                if (promise is { } limit)
                {
                    report.Add($"SlaMetrics[{i}].TargetValue", TenancyErrorCodes.TierSlaTargetBeyondPromise,
                        MessageArgs.Of(("Name", MessageValue.Quote(name)), ("Value", sla.TargetValue), ("Limit", limit), ("Tier", TierName(tier))), Severity.Warning);
                }
            }
        });

}

internal sealed class MetricThresholdValidator : AbstractValidator<MetricThreshold>
{
    public MetricThresholdValidator()
    {
        RuleFor(x => x.ThresholdId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.Operator).DefinedEnum();
        RuleFor(x => x.DurationMinutes).InclusiveBetween(1, 1440);

        // P4: the warning comes before the critical value in the operator's direction; eq and between are not ordered.
        RuleFor(x => x.WarningValue)
            .Satisfies((t, warning) => warning is not { } w || t.CriticalValue is not { } c || t.Operator switch
            {
                ThresholdOperator.Gt or ThresholdOperator.Gte => w <= c,
                ThresholdOperator.Lt or ThresholdOperator.Lte => w >= c,
                _ => true,
            })
            .WithTenancyError(TenancyErrorCodes.PerformanceThresholdOrder, (t, warning) =>
                MessageArgs.Of(("Operator", t.Operator.ToWireOrNumber()), ("Warning", warning), ("Critical", t.CriticalValue)));

        // A between threshold is a range: the model has no second bound, so warning_value and critical_value are its two ends.
        // A Warning: the contract leaves between unchecked, so a missing bound must not change the verdict.
        RuleFor(x => x.Operator)
            .Satisfies((t, op) => op != ThresholdOperator.Between || (t.WarningValue is not null && t.CriticalValue is not null))
            .WithTenancyError(TenancyErrorCodes.PerformanceBetweenBounds)
            .WithSeverity(Severity.Warning);
    }
}

internal sealed class PerformanceBaselineValidator : AbstractValidator<PerformanceBaseline>
{
    public PerformanceBaselineValidator()
    {
        RuleFor(x => x.BaselineId).NotEmpty();
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.StdDeviation).GreaterThanOrEqualTo(0);
        RuleFor(x => x.SampleCount).GreaterThanOrEqualTo(1);
        RuleFor(x => x.ConfidenceLevel).InclusiveBetween(0.0, 100.0);
    }
}

internal sealed class AnomalyDetectionValidator : AbstractValidator<AnomalyDetection>
{
    public AnomalyDetectionValidator()
    {
        RuleFor(x => x.AnomalyId).NotEmpty();
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.AnomalyType).DefinedEnum();
        RuleFor(x => x.SeverityScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.ConfidenceScore).InclusiveBetween(0.0, 100.0);
    }
}

internal sealed class PerformanceTrendValidator : AbstractValidator<PerformanceTrend>
{
    public PerformanceTrendValidator()
    {
        RuleFor(x => x.TrendId).NotEmpty();
        RuleFor(x => x.MetricName).NotEmpty();
        RuleFor(x => x.Direction).DefinedEnum();
        RuleFor(x => x.CorrelationCoefficient).InclusiveBetween(-1.0, 1.0);
        RuleFor(x => x.PredictionConfidence).InclusiveBetween(0.0, 100.0);
    }
}

internal sealed class PerformanceOptimizationValidator : AbstractValidator<PerformanceOptimization>
{
    public PerformanceOptimizationValidator()
    {
        RuleFor(x => x.OptimizationId).NotEmpty();
        RuleFor(x => x.Title).NotEmpty();
        RuleFor(x => x.Description).NotEmpty();
        RuleFor(x => x.Category).DefinedEnum();
        RuleFor(x => x.Priority).DefinedEnum();
        RuleFor(x => x.ImplementationEffort).DefinedEnum();
        RuleFor(x => x.ConfidenceScore).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.HistoricalEffectiveness).InclusiveBetween(0.0, 100.0);
    }
}

internal sealed class SlaMetricsValidator : AbstractValidator<SlaMetrics>
{
    public SlaMetricsValidator()
    {
        RuleFor(x => x.SlaId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty();
        RuleFor(x => x.AchievementPercentage).InclusiveBetween(0.0, 100.0);
        RuleFor(x => x.Status).DefinedEnum();
        RuleFor(x => x.ViolationsCount).GreaterThanOrEqualTo(0);
        RuleFor(x => x.PenaltyAmount).GreaterThanOrEqualTo(0);
    }
}
