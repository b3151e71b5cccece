using TenancySchemas.Performance;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Performance;

/// <summary>Rules P1-P6, field rules, tier rules and helpers of spec §2.7.</summary>
public sealed class PerformanceTests : IDisposable
{
    private readonly TestHost _host = new();

    private FluentValidation.Results.ValidationResult Validate(PerformanceMetricsSchema metrics, TenantType tier = TenantType.Enterprise, string culture = "en") =>
        InCulture.Run(culture, () => _host.Validator<PerformanceMetricsSchema>().Validate(metrics, new TenancyValidationContext { Tier = tier }));

    private static PerformanceBaseline Baseline(PerformanceMetricsSchema m) => m.Baselines[0];

    private static PerformanceTrend Trend(string metric, TrendDirection direction, double? confidence, double? in7 = null, double? in30 = null) => new()
    {
        MetricName = metric, StartDate = TestHost.Now.AddDays(-7), EndDate = TestHost.Now, Direction = direction, Slope = 1,
        CorrelationCoefficient = 0.9, PredictionConfidence = confidence, ProjectedValue7d = in7, ProjectedValue30d = in30,
    };

    private static AnomalyDetection Anomaly(double severity, DateTimeOffset at, string? baseline = null) => new()
    {
        MetricName = "latency", DetectionTimestamp = at, AnomalyType = AnomalyType.Spike, SeverityScore = severity, ConfidenceScore = 90,
        ObservedValue = 900, ExpectedValue = 200, DeviationPercentage = 350, BaselineId = baseline,
    };

    private static PerformanceOptimization Optimization(string id, OptimizationPriority priority, double confidence, bool automatable = false) => new()
    {
        OptimizationId = id, Title = id, Description = "d", AffectedMetrics = ["latency"], Category = MetricCategory.Database, Priority = priority,
        EstimatedImprovement = new Dictionary<string, double> { ["latency"] = 20 }, ImplementationEffort = ImplementationEffort.Low,
        RecommendedActions = ["add index"], ConfidenceScore = confidence, AutomationPossible = automatable,
    };

    private static SlaMetrics Sla(string name, double achievement, PerformanceStatus status = PerformanceStatus.Good, string? impact = null) => new()
    {
        SlaId = name, Name = name, TargetValue = 99, CurrentValue = 98, AchievementPercentage = achievement, Status = status, BusinessImpact = impact,
    };

    public static TheoryData<string, Func<PerformanceMetricsSchema, PerformanceMetricsSchema>, string, string> FailingCases() => new()
    {
        { "empty name", m => m with { Name = "" }, "NotEmptyValidator", "Name" },
        { "retention 0", m => m with { RetentionDays = 0 }, "InclusiveBetweenValidator", "RetentionDays" },
        { "score 101", m => m with { OverallPerformanceScore = 101 }, "InclusiveBetweenValidator", "OverallPerformanceScore" },
        { "negative std deviation", m => m with { Baselines = [Baseline(m) with { StdDeviation = -1 }] }, "GreaterThanOrEqualValidator", "Baselines[0].StdDeviation" },
        { "no samples", m => m with { Baselines = [Baseline(m) with { SampleCount = 0 }] }, "GreaterThanOrEqualValidator", "Baselines[0].SampleCount" },
        { "correlation 1.1", m => m with { Trends = [Trend("x", TrendDirection.Stable, 50) with { CorrelationCoefficient = 1.1 }] }, "InclusiveBetweenValidator", "Trends[0].CorrelationCoefficient" },
        { "anomaly severity 120", m => m with { Anomalies = [Anomaly(120, TestHost.Now)] }, "InclusiveBetweenValidator", "Anomalies[0].SeverityScore" },
        { "achievement -1", m => m with { SlaMetrics = [Sla("Uptime", -1)] }, "InclusiveBetweenValidator", "SlaMetrics[0].AchievementPercentage" },
        { "export endpoint that is not a url", m => m with { ExportEndpoints = ["s3 bucket"] }, TenancyErrorCodes.InvalidUrl, "ExportEndpoints[0]" },
        { "P1 target differs from the SLA", m => m with { PerformanceTargets = new Dictionary<string, double> { ["api_availability"] = 99.5 } }, TenancyErrorCodes.PerformanceInconsistentTargets, "PerformanceTargets[api_availability]" },
        { "P2 min above median", m => m with { Baselines = [Baseline(m) with { MinValue = 250 }] }, TenancyErrorCodes.PerformanceBaselineOrder, "Baselines[0].MinValue" },
        { "P2 median above max", m => m with { Baselines = [Baseline(m) with { MaxValue = 150 }] }, TenancyErrorCodes.PerformanceBaselineOrder, "Baselines[0].MedianValue" },
        { "P2 p95 above p99", m => m with { Baselines = [Baseline(m) with { P95Value = 700 }] }, TenancyErrorCodes.PerformanceBaselineOrder, "Baselines[0].P95Value" },
        { "P3 observation ends before it starts", m => m with { Baselines = [Baseline(m) with { ObservationEnd = Baseline(m).ObservationStart.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Baselines[0].ObservationEnd" },
        { "P3 trend ends before it starts", m => m with { Trends = [Trend("x", TrendDirection.Stable, 50) with { EndDate = TestHost.Now.AddDays(-8) }] }, TenancyErrorCodes.TimestampOrder, "Trends[0].EndDate" },
        { "P3 updated before created", m => m with { UpdatedAt = m.CreatedAt.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "P4 gt warning above critical", m => m with { Thresholds = [m.Thresholds[0] with { WarningValue = 900 }] }, TenancyErrorCodes.PerformanceThresholdOrder, "Thresholds[0].WarningValue" },
        { "P4 lt warning below critical", m => m with { Thresholds = [m.Thresholds[0] with { Operator = ThresholdOperator.Lt, WarningValue = 10, CriticalValue = 20 }] }, TenancyErrorCodes.PerformanceThresholdOrder, "Thresholds[0].WarningValue" },
        { "P5 duplicate threshold", m => m with { Thresholds = [m.Thresholds[0], m.Thresholds[0]] }, TenancyErrorCodes.PerformanceDuplicateId, "Thresholds[1].ThresholdId" },
        { "P5 duplicate baseline", m => m with { Baselines = [Baseline(m), Baseline(m)] }, TenancyErrorCodes.PerformanceDuplicateId, "Baselines[1].BaselineId" },
        { "P5 duplicate sla", m => m with { SlaMetrics = [m.SlaMetrics[0], m.SlaMetrics[0]] }, TenancyErrorCodes.PerformanceDuplicateId, "SlaMetrics[1].SlaId" },
        { "P5 duplicate optimization", m => m with { Optimizations = [Optimization("o1", OptimizationPriority.Low, 5), Optimization("o1", OptimizationPriority.Low, 5)] }, TenancyErrorCodes.PerformanceDuplicateId, "Optimizations[1].OptimizationId" },
    };

    public static TheoryData<string, Func<PerformanceMetricsSchema, PerformanceMetricsSchema>, string> PassingCases() => new()
    {
        { "P1 target equal to the SLA", m => m, TenancyErrorCodes.PerformanceInconsistentTargets },
        { "P1 target without an SLA", m => m with { PerformanceTargets = new Dictionary<string, double> { ["other"] = 1 } }, TenancyErrorCodes.PerformanceInconsistentTargets },
        { "P2 equal values", m => m with { Baselines = [Baseline(m) with { MinValue = 200, MaxValue = 200, P95Value = 610 }] }, TenancyErrorCodes.PerformanceBaselineOrder },
        { "P4 gte warning equal to critical", m => m with { Thresholds = [m.Thresholds[0] with { Operator = ThresholdOperator.Gte, WarningValue = 800 }] }, TenancyErrorCodes.PerformanceThresholdOrder },
        { "P4 lt warning above critical", m => m with { Thresholds = [m.Thresholds[0] with { Operator = ThresholdOperator.Lt, WarningValue = 20, CriticalValue = 10 }] }, TenancyErrorCodes.PerformanceThresholdOrder },
        { "P4 between is not ordered", m => m with { Thresholds = [m.Thresholds[0] with { Operator = ThresholdOperator.Between, WarningValue = 900 }] }, TenancyErrorCodes.PerformanceThresholdOrder },
        { "P4 eq is not ordered", m => m with { Thresholds = [m.Thresholds[0] with { Operator = ThresholdOperator.Eq, WarningValue = 900 }] }, TenancyErrorCodes.PerformanceThresholdOrder },
        { "P6 anomaly of a known baseline", m => m with { Anomalies = [Anomaly(50, TestHost.Now, "b1")] }, TenancyErrorCodes.PerformanceUnknownBaseline },
    };

    [Fact]
    public void The_sample_is_valid() => Validate(Samples.Performance()).ShouldBeCleanlyValid();

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_German(string scenario, Func<PerformanceMetricsSchema, PerformanceMetricsSchema> change, string code, string property)
    {
        var english = Validate(change(Samples.Performance())).ShouldHaveFailure(code, property);
        var german = Validate(change(Samples.Performance()), culture: "de").ShouldHaveFailure(code, property);

        german.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<PerformanceMetricsSchema, PerformanceMetricsSchema> change, string code)
    {
        var result = Validate(change(Samples.Performance()));

        result.ShouldNotHaveFailure(code);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Fact]
    public void P6_is_a_warning()
    {
        var result = Validate(Samples.Performance() with { Anomalies = [Anomaly(50, TestHost.Now, "b9")] });

        result.IsValid.Should().BeTrue();
        result.ShouldHaveFailure(TenancyErrorCodes.PerformanceUnknownBaseline, "Anomalies[0].BaselineId").Severity.Should().Be(FluentValidation.Severity.Warning);
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Collection_interval_and_retention_are_limited_by_tier(TenantType tier)
    {
        var l = new TierProfile()[tier];

        // Without the sample's 99.9 % availability SLA, which lower tiers may not promise (a warning of its own test).
        Validate(Samples.Performance() with { SlaMetrics = [], CollectionIntervalSeconds = l.MinCollectionIntervalSeconds, RetentionDays = l.MaxRetentionDays }, tier).ShouldBeCleanlyValid();
        if (l.MinCollectionIntervalSeconds > 5)
        {
            Validate(Samples.Performance() with { CollectionIntervalSeconds = l.MinCollectionIntervalSeconds - 1 }, tier)
                .ShouldHaveFailure(TenancyErrorCodes.TierCollectionIntervalTooShort, "CollectionIntervalSeconds");
        }

        if (l.MaxRetentionDays < 365)
        {
            Validate(Samples.Performance() with { RetentionDays = l.MaxRetentionDays + 1 }, tier)
                .ShouldHaveFailure(TenancyErrorCodes.TierRetentionExceeded, "RetentionDays").ErrorMessage.Should().Contain("performance data");
        }
    }

    public static TheoryData<TenantType> Tiers() => new(TierProfile.AllTiers);

    [Theory]
    [InlineData(400.0, null)]
    [InlineData(null, 800.0)]
    [InlineData(null, null)]
    public void A_between_threshold_without_both_bounds_is_a_warning(double? warning, double? critical)
    {
        var metrics = Samples.Performance();
        var result = Validate(metrics with { Thresholds = [metrics.Thresholds[0] with { Operator = ThresholdOperator.Between, WarningValue = warning, CriticalValue = critical }] }, culture: "es");

        result.IsValid.Should().BeTrue("the contract leaves between unchecked; the warning must not change the verdict");
        var failure = result.ShouldHaveFailure(TenancyErrorCodes.PerformanceBetweenBounds, "Thresholds[0].Operator");
        failure.Severity.Should().Be(FluentValidation.Severity.Warning);
        failure.ErrorMessage.Should().Contain("between").And.Contain("warning_value").And.Contain("critical_value");
    }

    [Fact]
    public void A_between_threshold_with_both_bounds_or_another_operator_with_one_passes_cleanly()
    {
        var metrics = Samples.Performance();

        Validate(metrics with { Thresholds = [metrics.Thresholds[0] with { Operator = ThresholdOperator.Between, WarningValue = 100, CriticalValue = 800 }] }).ShouldBeCleanlyValid();
        Validate(metrics with { Thresholds = [metrics.Thresholds[0] with { Operator = ThresholdOperator.Gt, CriticalValue = null }] }).ShouldBeCleanlyValid();
    }

    public static TheoryData<TenantType, string, double, bool> SlaPromises() => new()
    {
        // Uptime: at most BestUptimePercentage (trial 99.0, standard 99.5, professional 99.9, enterprise 99.99).
        { TenantType.Trial, "Uptime", 99.0, false },
        { TenantType.Trial, "Uptime", 99.5, true },
        { TenantType.Standard, "API Availability", 99.9, true },
        { TenantType.Professional, "API Availability", 99.9, false },
        { TenantType.Enterprise, "Availability", 99.99, false },
        { TenantType.Enterprise, "Availability", 99.999, true },
        // Response time: at least BestResponseTimeMs (trial 2000, enterprise 200).
        { TenantType.Trial, "Response Time", 2000, false },
        { TenantType.Trial, "API Response Time ms", 500, true },
        { TenantType.Enterprise, "response_time_p95", 199, true },
        // Support response: at least BestSupportResponseMinutes (trial 480, professional 120).
        { TenantType.Trial, "Support Response", 480, false },
        { TenantType.Professional, "Support Response Minutes", 60, true },
        // Other SLAs are not compared with the tier.
        { TenantType.Trial, "Error rate", 0.1, false },
    };

    [Theory]
    [MemberData(nameof(SlaPromises))]
    public void An_sla_target_better_than_the_tier_promises_is_a_warning(TenantType tier, string name, double target, bool warned)
    {
        var sla = Sla(name, 99) with { TargetValue = target };
        var result = Validate(Samples.Performance() with { SlaMetrics = [sla], PerformanceTargets = new Dictionary<string, double>(), CollectionIntervalSeconds = null, RetentionDays = null }, tier, "de");

        result.IsValid.Should().BeTrue();
        if (warned)
        {
            var failure = result.ShouldHaveFailure(TenancyErrorCodes.TierSlaTargetBeyondPromise, "SlaMetrics[0].TargetValue");
            failure.Severity.Should().Be(FluentValidation.Severity.Warning);
            failure.ErrorMessage.Should().Contain($"'{name}'");
        }
        else
        {
            result.ShouldNotHaveFailure(TenancyErrorCodes.TierSlaTargetBeyondPromise);
        }
    }

    [Fact]
    public void The_sla_promise_follows_a_configured_tier_table()
    {
        using var host = new TestHost(o => o.Tiers.Trial = o.Tiers.Trial with { BestUptimePercentage = 99.9 });
        var metrics = Samples.Performance() with { SlaMetrics = [Sla("Uptime", 99) with { TargetValue = 99.9 }], PerformanceTargets = new Dictionary<string, double>(), CollectionIntervalSeconds = null, RetentionDays = null };

        host.Validator<PerformanceMetricsSchema>().Validate(metrics, new TenancyValidationContext { Tier = TenantType.Trial }).ShouldNotHaveFailure(TenancyErrorCodes.TierSlaTargetBeyondPromise);
        Validate(metrics, TenantType.Trial).ShouldHaveFailure(TenancyErrorCodes.TierSlaTargetBeyondPromise, "SlaMetrics[0].TargetValue");
    }

    [Fact]
    public void The_overall_score_matches_the_spec_example()
    {
        var metrics = Samples.Performance() with { SlaMetrics = [Sla("a", 90, impact: "Revenue"), Sla("b", 100)] };

        metrics.CalculateOverallScore().Should().Be(92.5);
        (metrics with { SlaMetrics = [] }).CalculateOverallScore().Should().Be(0);
    }

    [Fact]
    public void Critical_anomalies_violations_and_priorities()
    {
        var metrics = Samples.Performance() with
        {
            Anomalies = [Anomaly(79.9, TestHost.Now), Anomaly(80, TestHost.Now)],
            SlaMetrics = [Sla("ok", 95), Sla("low", 89.9), Sla("poor", 99, PerformanceStatus.Poor)],
            Optimizations =
            [
                Optimization("high-60", OptimizationPriority.High, 60),
                Optimization("critical-10", OptimizationPriority.Critical, 10),
                Optimization("low", OptimizationPriority.Low, 99),
                Optimization("high-90", OptimizationPriority.High, 90),
                Optimization("high-60-b", OptimizationPriority.High, 60),
            ],
        };

        metrics.GetCriticalAnomalies().Should().ContainSingle().Which.SeverityScore.Should().Be(80);
        metrics.GetSlaViolations().Select(s => s.Name).Should().Equal("low", "poor");
        metrics.GetOptimizationPriorities().Select(o => o.OptimizationId).Should().Equal("critical-10", "high-90", "high-60", "high-60-b");
    }

    [Fact]
    public void The_summary_counts_what_the_spec_lists_and_never_throws()
    {
        var metrics = Samples.Performance() with
        {
            HealthStatus = PerformanceStatus.Acceptable,
            OverallPerformanceScore = 81,
            SlaMetrics = [Sla("a", 96), Sla("b", 80)],
            Anomalies = [Anomaly(90, TestHost.Now.AddHours(-1)), Anomaly(10, TestHost.Now.AddDays(-3))],
            Optimizations = [Optimization("a", OptimizationPriority.High, 50, automatable: true), Optimization("b", OptimizationPriority.Critical, 50)],
            Trends = [Trend("api_response_time_ms", TrendDirection.Decreasing, 90), Trend("Response_Time_p95", TrendDirection.Increasing, 90), Trend("cpu", TrendDirection.Stable, 10)],
        };

        var summary = metrics.GeneratePerformanceSummary(TestHost.Now);

        (summary.OverallScore, summary.HealthStatus).Should().Be((81, PerformanceStatus.Acceptable));
        summary.Sla.Should().Be(new SlaSummary(2, 1, 1, 88));
        summary.Anomalies.Should().Be(new AnomalySummary(2, 1, 1));
        summary.Optimizations.Should().Be(new OptimizationSummary(2, 1, 1, 1));
        summary.Trends.Should().Be(new TrendSummary(1, 1, 1));
        new PerformanceMetricsSchema { TenantId = "x", Name = "empty", HealthStatus = PerformanceStatus.Critical }
            .GeneratePerformanceSummary(TestHost.Now).Sla.Should().Be(new SlaSummary(0, 0, 0, 0));
    }

    [Fact]
    public void Predictions_use_confident_moving_trends_and_flag_risks()
    {
        var metrics = Samples.Performance() with
        {
            Trends =
            [
                Trend("api_response_time_ms", TrendDirection.Increasing, 85, in7: 420, in30: 600),
                Trend("error_rate", TrendDirection.Increasing, 76, in30: 0.05),
                Trend("cpu", TrendDirection.Stable, 99, in7: 50),
                Trend("memory", TrendDirection.Decreasing, 70, in7: 10),
                Trend("throughput", TrendDirection.Volatile, 71, in7: 0),
            ],
        };

        var week = metrics.PredictFuturePerformance(7, TestHost.Now);
        var month = metrics.PredictFuturePerformance(30, TestHost.Now);

        week.Predictions.Should().BeEquivalentTo(new Dictionary<string, double> { ["api_response_time_ms"] = 420, ["error_rate"] = 0.05, ["throughput"] = 0 });
        month.Predictions.Should().BeEquivalentTo(new Dictionary<string, double> { ["api_response_time_ms"] = 600, ["error_rate"] = 0.05 });
        metrics.PredictFuturePerformance(31, TestHost.Now).Predictions.Should().BeEmpty();
        week.RiskFactors.Should().Equal("High risk of performance degradation in api_response_time_ms", "Increasing error rate predicted for error_rate");
    }

    [Fact]
    public void Digit_members_keep_their_wire_names()
    {
        var json = _host.Json.Write(Samples.Performance() with { Trends = [Trend("x", TrendDirection.Increasing, 80, in7: 1, in30: 2)], SlaMetrics = [Sla("Uptime", 99) with { Rolling7dAverage = 98 }] });

        json.Should().Contain("\"projected_value_7d\":1").And.Contain("\"projected_value_30d\":2").And.Contain("\"rolling_7d_average\":98").And.Contain("\"p95_value\":380");
        _host.Json.Read<PerformanceMetricsSchema>(json).Errors.Should().BeEmpty();
    }

    public void Dispose() => _host.Dispose();
}
