using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentValidation;
using TenancySchemas.Compliance;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// Property tests for the notification, monitoring, compliance and performance families: generated valid documents
/// round-trip to equal records and stay valid; one invalid value at one path is reported at that path, never thrown.
/// </summary>
public sealed class FamilyPropertyTests : IDisposable
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise, Now = TestHost.Now };
    private static readonly Gen<string> Id = Gen.String[Gen.Char.AlphaNumeric, 3, 12];
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, 2_000_000].Select(m => TestHost.Now.AddMinutes(-m));

    private readonly TestHost _host = new();

    private static readonly Gen<NotificationSchema> Notifications =
        from ids in Id.HashSet[1, 6]
        from channel in Gen.Enum<NotificationChannel>()
        from title in Gen.String[Gen.Char.AlphaNumeric, 1, 200]
        from created in Instant
        from attempts in Gen.Int[0, 3]
        from pii in Gen.Bool
        select Samples.Notification() with
        {
            NotificationId = Guid.NewGuid().ToString(),
            Title = title,
            PreferredChannels = [channel, NotificationChannel.Sms],
            Recipients = [.. ids.Select(i => Samples.Recipient(i))],
            Deliveries = [.. ids.Select(i => new NotificationDelivery { DeliveryId = "d" + i, Channel = channel, Recipient = Samples.Recipient(i), Attempts = attempts, SentAt = created, DeliveredAt = created.AddSeconds(5) })],
            CreatedAt = created,
            PiiData = pii,
            EncryptionRequired = pii,
        };

    private static readonly Gen<MonitoringConfigSchema> Monitorings =
        from count in Gen.Int[1, 8]
        from interval in Gen.Int[5, 3600]
        from retention in Gen.Int[1, 365].Nullable()
        from rate in Gen.Double[0, 1]
        select Samples.Monitoring() with
        {
            Metrics = [.. Enumerable.Range(1, count).Select(i => Samples.Metric($"m{i}", i == 1 ? "cpu_usage_percent" : $"metric_{i}") with { SamplingIntervalSeconds = i })],
            CollectionIntervalSeconds = interval,
            RetentionDays = retention,
            SamplingRate = rate,
        };

    private static readonly Gen<ComplianceSchema> Compliances =
        from controls in Gen.Int[5, 12]
        from score in Gen.Double[80, 100]
        from days in Gen.Int[1, 5000]
        select Samples.Compliance() with
        {
            Controls = [.. Enumerable.Range(0, controls).Select(i => Samples.Control($"ctl-{i}", ComplianceStandard.Gdpr) with { EffectivenessScore = score })],
            ComplianceScore = score,
            DataRetentionPolicies = [Samples.Policy() with { RetentionPeriodDays = days }],
            IncidentReports = [Samples.Breach(ComplianceStandard.Gdpr) with { RegulatoryNotificationsSent = [Samples.Sent(TestHost.Now.AddHours(-2))] }],
            ControlTestingFrequency = "monthly",
        };

    private static readonly Gen<PerformanceMetricsSchema> Performances =
        from min in Gen.Double[0, 100]
        from spread in Gen.Double[0, 1000]
        from achievement in Gen.Double[0, 100]
        from confidence in Gen.Double[0, 100].Nullable()
        select Samples.Performance() with
        {
            Baselines = [Samples.Performance().Baselines[0] with { MinValue = min, MedianValue = min + spread / 2, MaxValue = min + spread, P95Value = min, P99Value = min + spread }],
            SlaMetrics = [Samples.Performance().SlaMetrics[0] with { AchievementPercentage = achievement }],
            Trends = [new PerformanceTrend { MetricName = "latency", StartDate = TestHost.Now.AddDays(-1), EndDate = TestHost.Now, Direction = TrendDirection.Increasing, Slope = spread, CorrelationCoefficient = 0.5, PredictionConfidence = confidence, ProjectedValue7d = spread }],
        };

    private void RoundTrip<T>(Gen<T> documents)
        where T : class, TenancySchemas.Schemas.ITenancyDocument
    {
        var validator = _host.Validator<T>();
        documents.Sample(document =>
        {
            validator.Validate(document, Enterprise).Errors.Where(e => e.Severity == Severity.Error).Should().BeEmpty();
            var read = _host.Json.Read<T>(_host.Json.WriteToUtf8Bytes(document));
            read.Errors.Should().BeEmpty();
            read.Value.Should().Be(document);
        }, iter: 100);
    }

    [Fact]
    public void Notifications_round_trip() => RoundTrip(Notifications);

    [Fact]
    public void Monitoring_configurations_round_trip() => RoundTrip(Monitorings);

    [Fact]
    public void Compliance_programmes_round_trip() => RoundTrip(Compliances);

    [Fact]
    public void Performance_metrics_round_trip() => RoundTrip(Performances);

    [Fact]
    public void Batches_round_trip() => RoundTrip(Notifications.Array[1, 4].Select(ns => Samples.Batch() with { Notifications = [.. ns.Select((n, i) => n with { NotificationId = $"n{i}" })] }));

    private void Mutations<T>(Gen<T> documents, (string Path, JsonNode? Value)[] mutations)
        where T : class, TenancySchemas.Schemas.ITenancyDocument
    {
        var validator = _host.Validator<T>();
        Gen.Select(documents, Gen.Int[0, mutations.Length - 1]).Sample((document, index) =>
        {
            var (path, value) = mutations[index];
            var json = JsonMutation.Apply(_host.Json.Write(document), path, value);

            var result = _host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(json), validator, Enterprise);

            result.Errors.Should().Contain(e => e.Severity == Severity.Error && JsonMutation.IsAt(e.PropertyName, path),
                "the mutation at {0} must be reported there; got {1}", path, string.Join("; ", result.Errors.Select(e => e.PropertyName + " " + e.ErrorCode)));
        }, iter: 150);
    }

    [Fact]
    public void Notification_mutations_are_reported_at_their_path() => Mutations(Notifications,
    [
        ("$.title", ""), ("$.priority", "urgent"), ("$.recipients[0].contact_info.email", "x"), ("$.recipients[0].locale", "english"),
        ("$.deliveries[0].attempts", 99), ("$.deliveries[0].channel", 3), ("$.max_delivery_attempts", 0), ("$.send_after", "tomorrow"),
        ("$.analytics.open_rate", 250), ("$.retention_days", 9999), ("$.recipients[0].recipient_type", null), ("$.deliveries[0].recipient", "r1"),
    ]);

    [Fact]
    public void Monitoring_mutations_are_reported_at_their_path() => Mutations(Monitorings,
    [
        ("$.name", ""), ("$.sampling_rate", 2), ("$.metrics[0].metric_type", "meter"), ("$.metrics[0].retention_period", "2d"),
        ("$.dashboards[0].panels[0].metrics[0]", "ghost"), ("$.alert_rules[0].metric_name", "ghost"), ("$.default_dashboard", "ghost"),
        ("$.targets[0].timeout_seconds", 45), ("$.dashboards[0].panels[0].position", new JsonObject { ["x"] = 1 }), ("$.alert_rules[0].operator", "ne"),
    ]);

    [Fact]
    public void Compliance_mutations_are_reported_at_their_path() => Mutations(Compliances,
    [
        ("$.compliance_officer", ""), ("$.maturity_level", 9), ("$.data_protection_officer", null), ("$.data_retention_policies[0].deletion_method", "soft_delete"),
        ("$.controls[0].status", "fine"), ("$.incident_reports[0].reported_at", "2000-01-01T00:00:00Z"), ("$.applicable_standards", new JsonArray("gdpr", "pci")),
        ("$.data_retention_policies[0].retention_period_days", 0), ("$.report_distribution", new JsonArray("board")),
    ]);

    [Fact]
    public void Performance_mutations_are_reported_at_their_path() => Mutations(Performances,
    [
        ("$.name", ""), ("$.baselines[0].sample_count", 0), ("$.baselines[0].min_value", 1e9), ("$.sla_metrics[0].status", "meh"),
        ("$.thresholds[0].warning_value", 5000), ("$.performance_targets.api_availability", 1), ("$.trends[0].correlation_coefficient", 3),
        ("$.baselines[0].observation_end", "2000-01-01T00:00:00Z"), ("$.trends[0].projected_value_7d", "soon"),
    ]);

    public void Dispose() => _host.Dispose();
}
