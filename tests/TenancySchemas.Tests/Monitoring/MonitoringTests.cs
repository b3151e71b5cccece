using System.Text.Json.Nodes;
using TenancySchemas.Monitoring;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Monitoring;

/// <summary>Rules M1-M8, field rules, tier rules and helpers of spec §2.5.</summary>
public sealed class MonitoringTests : IDisposable
{
    private readonly TestHost _host = new();

    private FluentValidation.Results.ValidationResult Validate(MonitoringConfigSchema config, TenantType tier = TenantType.Enterprise, string culture = "en") =>
        InCulture.Run(culture, () => _host.Validator<MonitoringConfigSchema>().Validate(config, new TenancyValidationContext { Tier = tier }));

    private static MonitoringDashboard Dashboard(MonitoringConfigSchema c) => c.Dashboards[0];

    private static DashboardPanel Panel(MonitoringConfigSchema c) => c.Dashboards[0].Panels[0];

    public static TheoryData<string, Func<MonitoringConfigSchema, MonitoringConfigSchema>, string, string> FailingCases() => new()
    {
        { "empty name", c => c with { Name = "" }, "NotEmptyValidator", "Name" },
        { "collection every 4 s", c => c with { CollectionIntervalSeconds = 4 }, "InclusiveBetweenValidator", "CollectionIntervalSeconds" },
        { "retention 366", c => c with { RetentionDays = 366 }, "InclusiveBetweenValidator", "RetentionDays" },
        { "sampling rate 1.5", c => c with { SamplingRate = 1.5 }, "InclusiveBetweenValidator", "SamplingRate" },
        { "batch size 0", c => c with { BatchSize = 0 }, "InclusiveBetweenValidator", "BatchSize" },
        { "metric without query", c => c with { Metrics = [Samples.Metric() with { Query = "" }] }, "NotEmptyValidator", "Metrics[0].Query" },
        { "metric sampled every 0 s", c => c with { Metrics = [Samples.Metric() with { SamplingIntervalSeconds = 0 }] }, "InclusiveBetweenValidator", "Metrics[0].SamplingIntervalSeconds" },
        { "webhook endpoint that is not a url", c => c with { WebhookEndpoints = ["hooks"] }, TenancyErrorCodes.InvalidUrl, "WebhookEndpoints[0]" },
        { "target endpoint that is not a url", c => c with { Targets = [c.Targets[0] with { Endpoint = "api:9090" }] }, TenancyErrorCodes.InvalidUrl, "Targets[0].Endpoint" },
        { "scrape every 301 s", c => c with { Targets = [c.Targets[0] with { ScrapeIntervalSeconds = 301 }] }, "InclusiveBetweenValidator", "Targets[0].ScrapeIntervalSeconds" },
        { "dashboard refresh 4 s", c => c with { Dashboards = [Dashboard(c) with { RefreshIntervalSeconds = 4 }] }, "InclusiveBetweenValidator", "Dashboards[0].RefreshIntervalSeconds" },
        { "M1 panel of an unknown metric", c => c with { Dashboards = [Dashboard(c) with { Panels = [Panel(c) with { Metrics = ["m1", "ghost"] }] }] }, TenancyErrorCodes.MonitoringUnknownPanelMetric, "Dashboards[0].Panels[0].Metrics[1]" },
        { "M2 rule on an unknown metric", c => c with { AlertRules = [c.AlertRules[0] with { MetricName = "memory" }] }, TenancyErrorCodes.MonitoringUnknownRuleMetric, "AlertRules[0].MetricName" },
        { "M3 unknown default dashboard", c => c with { DefaultDashboard = "d9" }, TenancyErrorCodes.MonitoringUnknownDefaultDashboard, "DefaultDashboard" },
        { "M4 timeout equal to the interval", c => c with { Targets = [c.Targets[0] with { ScrapeIntervalSeconds = 10, TimeoutSeconds = 10 }] }, TenancyErrorCodes.MonitoringTimeoutNotBelowInterval, "Targets[0].TimeoutSeconds" },
        { "M5 metric id repeated across lists", c => c with { CustomMetrics = [Samples.Metric("m1", "other")] }, TenancyErrorCodes.MonitoringDuplicateId, "CustomMetrics[0].MetricId" },
        { "M5 dashboard id repeated", c => c with { Dashboards = [Dashboard(c), Dashboard(c)] }, TenancyErrorCodes.MonitoringDuplicateId, "Dashboards[1].DashboardId" },
        { "M5 panel id repeated in a dashboard", c => c with { Dashboards = [Dashboard(c) with { Panels = [Panel(c), Panel(c)] }] }, TenancyErrorCodes.MonitoringDuplicateId, "Dashboards[0].Panels[1].PanelId" },
        { "M5 target id repeated", c => c with { Targets = [c.Targets[0], c.Targets[0]] }, TenancyErrorCodes.MonitoringDuplicateId, "Targets[1].TargetId" },
        { "M5 rule id repeated", c => c with { AlertRules = [c.AlertRules[0], c.AlertRules[0]] }, TenancyErrorCodes.MonitoringDuplicateId, "AlertRules[1].RuleId" },
        { "M6 gt with a text", c => c with { AlertRules = [c.AlertRules[0] with { Threshold = "high" }] }, TenancyErrorCodes.MonitoringInvalidThreshold, "AlertRules[0].Threshold" },
        { "M6 regex that does not compile", c => c with { AlertRules = [c.AlertRules[0] with { Operator = AlertConditionOperator.Regex, Threshold = "([a-z" }] }, TenancyErrorCodes.MonitoringInvalidThreshold, "AlertRules[0].Threshold" },
        { "M6 regex with a number", c => c with { AlertRules = [c.AlertRules[0] with { Operator = AlertConditionOperator.NotRegex, Threshold = 5 }] }, TenancyErrorCodes.MonitoringInvalidThreshold, "AlertRules[0].Threshold" },
        { "M7 position without height", c => c with { Dashboards = [Dashboard(c) with { Panels = [Panel(c) with { Position = new Dictionary<string, int> { ["x"] = 0, ["y"] = 0, ["width"] = 4 } }] }] }, TenancyErrorCodes.MonitoringPanelPosition, "Dashboards[0].Panels[0].Position" },
        { "M7 negative x", c => c with { Dashboards = [Dashboard(c) with { Panels = [Panel(c) with { Position = new Dictionary<string, int> { ["x"] = -1, ["y"] = 0, ["width"] = 4, ["height"] = 2 } }] }] }, TenancyErrorCodes.MonitoringPanelPosition, "Dashboards[0].Panels[0].Position" },
        { "M7 zero width", c => c with { Dashboards = [Dashboard(c) with { Panels = [Panel(c) with { Position = new Dictionary<string, int> { ["x"] = 0, ["y"] = 0, ["width"] = 0, ["height"] = 2 } }] }] }, TenancyErrorCodes.MonitoringPanelPosition, "Dashboards[0].Panels[0].Position" },
        { "M8 updated before created", c => c with { UpdatedAt = c.CreatedAt.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "M8 dashboard updated before created", c => c with { Dashboards = [Dashboard(c) with { UpdatedAt = Dashboard(c).CreatedAt.AddSeconds(-1) }] }, TenancyErrorCodes.TimestampOrder, "Dashboards[0].UpdatedAt" },
    };

    public static TheoryData<string, Func<MonitoringConfigSchema, MonitoringConfigSchema>, string> PassingCases() => new()
    {
        { "M1 panel of a custom metric", c => c with { CustomMetrics = [Samples.Metric("m2", "latency")], Dashboards = [Dashboard(c) with { Panels = [Panel(c) with { Metrics = ["m1", "m2"] }] }] }, TenancyErrorCodes.MonitoringUnknownPanelMetric },
        { "M2 rule on a custom metric", c => c with { CustomMetrics = [Samples.Metric("m2", "latency")], AlertRules = [c.AlertRules[0] with { MetricName = "latency" }] }, TenancyErrorCodes.MonitoringUnknownRuleMetric },
        { "M3 no default dashboard", c => c with { DefaultDashboard = null }, TenancyErrorCodes.MonitoringUnknownDefaultDashboard },
        { "M4 timeout just below the interval", c => c with { Targets = [c.Targets[0] with { ScrapeIntervalSeconds = 10, TimeoutSeconds = 9 }] }, TenancyErrorCodes.MonitoringTimeoutNotBelowInterval },
        { "M6 lte with a numeric text", c => c with { AlertRules = [c.AlertRules[0] with { Operator = AlertConditionOperator.Lte, Threshold = "0.5" }] }, TenancyErrorCodes.MonitoringInvalidThreshold },
        { "M6 regex that compiles", c => c with { AlertRules = [c.AlertRules[0] with { Operator = AlertConditionOperator.Regex, Threshold = "^5\\d\\d$" }] }, TenancyErrorCodes.MonitoringInvalidThreshold },
        { "M6 contains with a number", c => c with { AlertRules = [c.AlertRules[0] with { Operator = AlertConditionOperator.Contains, Threshold = 5 }] }, TenancyErrorCodes.MonitoringInvalidThreshold },
        { "metric thresholds are not ordered", c => c with { Metrics = [Samples.Metric() with { WarningThreshold = 95, CriticalThreshold = 80 }] }, TenancyErrorCodes.MonitoringInvalidThreshold },
    };

    [Fact]
    public void The_sample_is_valid() => Validate(Samples.Monitoring()).ShouldBeCleanlyValid();

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_French(string scenario, Func<MonitoringConfigSchema, MonitoringConfigSchema> change, string code, string property)
    {
        var english = Validate(change(Samples.Monitoring())).ShouldHaveFailure(code, property);
        var french = Validate(change(Samples.Monitoring()), culture: "fr").ShouldHaveFailure(code, property);

        french.ErrorMessage.Should().NotBe(english.ErrorMessage, scenario);
        english.ErrorMessage.Should().NotContain("{");
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<MonitoringConfigSchema, MonitoringConfigSchema> change, string code)
    {
        var result = Validate(change(Samples.Monitoring()));

        result.ShouldNotHaveFailure(code);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Collection_interval_metrics_retention_and_webhooks_are_limited_by_tier(TenantType tier)
    {
        var l = new TierProfile()[tier];
        MonitoringConfigSchema WithMetrics(int n) => Samples.Monitoring() with { Metrics = [.. Enumerable.Range(0, n).Select(i => Samples.Metric($"m{i}", i == 1 ? "cpu_usage_percent" : $"metric_{i}"))] };

        Validate(Samples.Monitoring() with { CollectionIntervalSeconds = l.MinCollectionIntervalSeconds }, tier).ShouldNotHaveFailure(TenancyErrorCodes.TierCollectionIntervalTooShort);
        if (l.MinCollectionIntervalSeconds > 5)
        {
            Validate(Samples.Monitoring() with { CollectionIntervalSeconds = l.MinCollectionIntervalSeconds - 1 }, tier)
                .ShouldHaveFailure(TenancyErrorCodes.TierCollectionIntervalTooShort, "CollectionIntervalSeconds");
        }

        Validate(WithMetrics(l.MaxMetrics), tier).ShouldNotHaveFailure(TenancyErrorCodes.TierTooManyMetrics);
        Validate(WithMetrics(l.MaxMetrics + 1), tier).ShouldHaveFailure(TenancyErrorCodes.TierTooManyMetrics, "Metrics");
        Validate(Samples.Monitoring() with { RetentionDays = l.MaxRetentionDays }, tier).ShouldNotHaveFailure(TenancyErrorCodes.TierRetentionExceeded);
        if (l.MaxRetentionDays < 365)
        {
            Validate(Samples.Monitoring() with { RetentionDays = l.MaxRetentionDays + 1 }, tier).ShouldHaveFailure(TenancyErrorCodes.TierRetentionExceeded, "RetentionDays")
                .ErrorMessage.Should().Contain("monitoring data");
        }

        var webhook = Validate(Samples.Monitoring() with { WebhookEndpoints = ["https://hooks.acme.com/m"] }, tier);
        if (l.WebhooksAllowed)
        {
            webhook.ShouldNotHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed);
        }
        else
        {
            webhook.ShouldHaveFailure(TenancyErrorCodes.TierWebhookNotAllowed, "WebhookEndpoints");
        }
    }

    public static TheoryData<TenantType> Tiers() => new(TierProfile.AllTiers);

    [Fact]
    public void Lookups_and_filters_search_metrics_then_custom_metrics()
    {
        var config = Samples.Monitoring() with
        {
            Metrics = [Samples.Metric("m1") with { Enabled = false }, Samples.Metric("m2", "revenue") with { BusinessImpact = true }],
            CustomMetrics = [Samples.Metric("m3", "signups") with { BusinessImpact = true }],
        };

        config.GetMetricById("m3")!.Name.Should().Be("signups");
        config.GetMetricById("nope").Should().BeNull();
        config.GetDashboardById("d1")!.Name.Should().Be("Overview");
        config.GetDashboardById("d2").Should().BeNull();
        config.GetEnabledMetrics().Select(m => m.MetricId).Should().Equal("m2", "m3");
        config.GetBusinessMetrics().Select(m => m.MetricId).Should().Equal("m2", "m3");
    }

    [Fact]
    public void The_storage_estimate_matches_the_spec_example_and_is_zero_without_enabled_metrics()
    {
        var config = Samples.Monitoring() with
        {
            RetentionDays = 30,
            Metrics = [Samples.Metric("m1") with { SamplingIntervalSeconds = 60 }, Samples.Metric("m2", "x") with { SamplingIntervalSeconds = 30 }],
        };

        var estimate = config.CalculateStorageRequirements();

        estimate.AvgSamplingInterval.Should().Be(45);
        estimate.MetricsCount.Should().Be(2);
        estimate.DailyStorageMb.Should().Be(0.029296875);
        estimate.TotalStorageGb.Should().Be(0.000858306884765625);
        (config with { Metrics = [], CustomMetrics = [] }).CalculateStorageRequirements().Should().Be(new StorageEstimate(0, 0, 0, 0));
        (config with { Metrics = [Samples.Metric() with { Enabled = false }] }).CalculateStorageRequirements().Should().Be(new StorageEstimate(0, 0, 0, 0));
        (config with { RetentionDays = null }).CalculateStorageRequirements(new TierProfile().Trial).TotalStorageGb.Should().BeApproximately(0.000858306884765625 * 7 / 30, 1e-15);
    }

    [Fact]
    public void The_prometheus_export_has_unique_job_names_and_prometheus_durations()
    {
        var config = Samples.Monitoring() with
        {
            CollectionIntervalSeconds = null,
            Targets =
            [
                Samples.Monitoring().Targets[0],
                Samples.Monitoring().Targets[0] with { TargetId = "t2", Endpoint = "http://api-2:9090", ScrapeIntervalSeconds = 15, TimeoutSeconds = 5 },
                Samples.Monitoring().Targets[0] with { TargetId = "t3", Name = "db", Enabled = false },
            ],
        };

        var export = config.ExportPrometheusConfig(new TierProfile().Standard);

        export["global"]!["scrape_interval"]!.GetValue<string>().Should().Be("60s");
        export["global"]!["evaluation_interval"]!.GetValue<string>().Should().Be("15s");
        var jobs = export["scrape_configs"]!.AsArray();
        jobs.Select(j => j!["job_name"]!.GetValue<string>()).Should().Equal("api", "api-2").And.OnlyHaveUniqueItems();
        jobs.SelectMany(j => new[] { j!["scrape_interval"]!.GetValue<string>(), j["scrape_timeout"]!.GetValue<string>() })
            .Should().AllSatisfy(d => d.Should().MatchRegex("^[0-9]+(ms|s|m|h|d|w|y)$"));
        jobs[1]!["static_configs"]![0]!["targets"]![0]!.GetValue<string>().Should().Be("http://api-2:9090");
        jobs[1]!["metrics_path"]!.GetValue<string>().Should().Be("/metrics");
        export["rule_files"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("alerts/*.yml");
        export["alerting"]!["alertmanagers"]![0]!["static_configs"]![0]!["targets"]![0]!.GetValue<string>().Should().Be("alertmanager:9093");
        new MonitoringConfigSchema { TenantId = "x", Name = "empty" }.ExportPrometheusConfig()["global"]!["scrape_interval"]!.GetValue<string>().Should().Be("60s");
    }

    [Theory]
    [InlineData("http_requests_total")]
    [InlineData("job:http_requests:rate5m")]
    [InlineData("_private")]
    public void A_prometheus_metric_name_passes_cleanly(string name) =>
        Validate(WithMetricName(name)).ShouldBeCleanlyValid();

    [Theory]
    [InlineData("http.requests")]
    [InlineData("2xx_responses")]
    [InlineData("latency-ms")]
    [InlineData("cpu usage")]
    [InlineData("temp_°C")]
    public void A_metric_name_prometheus_rejects_is_a_warning_at_its_path(string name)
    {
        var result = Validate(WithMetricName(name), culture: "fr");

        result.IsValid.Should().BeTrue("naming is a warning: the contract does not check names");
        var failure = result.ShouldHaveFailure(TenancyErrorCodes.MonitoringMetricNameFormat, "Metrics[0].Name");
        failure.Severity.Should().Be(FluentValidation.Severity.Warning);
        failure.ErrorMessage.Should().Contain($"'{name}'").And.Contain("Prometheus");
    }

    [Theory]
    [InlineData("__name__")]
    [InlineData("__meta_custom")]
    [InlineData("2nd")]
    [InlineData("team-name")]
    [InlineData("service:name")]
    [InlineData("")]
    public void A_label_name_prometheus_rejects_or_reserves_is_a_warning_at_its_key(string label)
    {
        var config = Samples.Monitoring() with { Metrics = [Samples.Metric() with { Labels = new Dictionary<string, string> { ["env"] = "prod", [label] = "x" } }] };

        var result = Validate(config);

        result.IsValid.Should().BeTrue();
        result.ShouldHaveFailure(TenancyErrorCodes.MonitoringLabelNameFormat, $"Metrics[0].Labels[{label}]").Severity.Should().Be(FluentValidation.Severity.Warning);
        result.Errors.Where(e => e.ErrorCode == TenancyErrorCodes.MonitoringLabelNameFormat).Should().ContainSingle("'env' is a valid label name");
    }

    [Fact]
    public void Custom_metrics_follow_the_same_naming_rules()
    {
        var config = Samples.Monitoring() with { CustomMetrics = [Samples.Metric("m2", "orders.per.minute")] };

        Validate(config).ShouldHaveFailure(TenancyErrorCodes.MonitoringMetricNameFormat, "CustomMetrics[0].Name");
    }

    private static MonitoringConfigSchema WithMetricName(string name)
    {
        var config = Samples.Monitoring();
        return config with
        {
            Metrics = [Samples.Metric(name: name) with { Labels = new Dictionary<string, string> { ["env"] = "prod", ["le"] = "0.5" } }],
            AlertRules = [config.AlertRules[0] with { MetricName = name }],
        };
    }

    [Fact]
    public void Api_keys_are_masked() =>
        (Samples.Monitoring() with { ApiKeys = new Dictionary<string, string> { ["grafana"] = "glsa_secret_123" } }).ToString().Should().NotContain("glsa_secret_123");

    public void Dispose() => _host.Dispose();
}
