using System.Text.Json;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tenants;
using TenancySchemas.Warnings;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Support;

/// <summary>Valid documents to start each test from; a test changes one thing with <c>with</c>.</summary>
internal static class Samples
{
    public static TenantConfigSchema Tenant(TenantType tier = TenantType.Enterprise) => new()
    {
        TenantId = "acme_01",
        TenantName = "Acme Corporation",
        TenantType = tier,
        AdminEmail = "admin@acme.example.com",
        CountryCode = "US",
        CreatedAt = TestHost.Now.AddDays(-30),
    };

    public const string TenantJson = """
        {
          "tenant_id": "acme_01",
          "tenant_name": "Acme Corporation",
          "tenant_type": "professional",
          "admin_email": "admin@acme.example.com",
          "country_code": "US",
          "created_at": "2026-10-01T08:30:00+02:00"
        }
        """;

    /// <summary>A valid alert as one JSON line with only its required members, plus any <paramref name="extraMembers"/>.</summary>
    public static string AlertJson(string extraMembers = "") =>
        "{\"tenant_id\":\"acme\",\"name\":\"cpu\",\"title\":\"CPU high\",\"description\":\"CPU is high for a while\",\"severity\":\"high\"," +
        "\"category\":\"performance\",\"conditions\":[{\"metric_name\":\"cpu\",\"operator\":\"gt\",\"threshold\":90}]," +
        "\"notification_channels\":[\"email\"],\"recipients\":[\"ops@acme.example\"]" + (extraMembers.Length == 0 ? string.Empty : "," + extraMembers) + "}";

    public static AlertSchema Alert() => new()
    {
        AlertId = "alert-001",
        TenantId = "acme_01",
        Name = "High CPU",
        Title = "CPU above 90 %",
        Description = "CPU usage of the API tier is above 90 % for 5 minutes.",
        Severity = AlertSeverity.High,
        Category = AlertCategory.Performance,
        Conditions = [new AlertCondition { MetricName = "cpu_usage_percent", Operator = AlertOperator.Gt, Threshold = 90 }],
        NotificationChannels = [AlertChannel.Email],
        Recipients = ["oncall@acme.example.com"],
        CreatedAt = TestHost.Now.AddHours(-1),
    };

    public static TenantAlertSchema TenantAlert() => new()
    {
        AlertId = "alert-002",
        TenantId = "acme_01",
        Name = "High CPU",
        Title = "CPU above 90 %",
        Description = "CPU usage of the API tier is above 90 % for 5 minutes.",
        Severity = AlertSeverity.High,
        Category = AlertCategory.Performance,
        Conditions = [new AlertCondition { MetricName = "cpu_usage_percent", Operator = AlertOperator.Gt, Threshold = 90 }],
        CreatedAt = TestHost.Now.AddHours(-1),
        BusinessImpact = "Checkout latency",
    };

    public static WarningSchema Warning() => new()
    {
        WarningId = "warning-001",
        TenantId = "acme_01",
        Title = "Disk filling up",
        Description = "The database volume will be full within two days at the current rate.",
        Severity = WarningSeverity.Medium,
        WarningType = WarningType.CapacityWarning,
        Category = WarningCategory.Infrastructure,
        Source = WarningSource.MonitoringSystem,
        Component = "db",
        Metrics = [new WarningMetric { MetricName = "disk_usage_percent", CurrentValue = 81.5 }],
        CreatedAt = TestHost.Now.AddHours(-2),
    };

    public static TenantWarningSchema TenantWarning() => new()
    {
        WarningId = "warning-002",
        TenantId = "acme_01",
        Title = "Disk filling up",
        Description = "The database volume will be full within two days at the current rate.",
        Severity = WarningSeverity.Medium,
        WarningType = WarningType.CapacityWarning,
        Category = WarningCategory.Infrastructure,
        Source = WarningSource.MonitoringSystem,
        CreatedAt = TestHost.Now.AddHours(-2),
        CostImpact = 120.5,
    };

    public static NotificationRecipient Recipient(string id = "r1") => new()
    {
        RecipientId = id,
        RecipientType = RecipientType.User,
        ContactInfo = new Dictionary<string, string> { ["email"] = $"{id}@acme.example.com", ["sms"] = "+12025550123" },
        Locale = "fr-CA",
        Timezone = "America/Toronto",
    };

    public static NotificationSchema Notification() => new()
    {
        NotificationId = "n-001",
        TenantId = "acme_01",
        NotificationType = NotificationType.Maintenance,
        Title = "Planned maintenance",
        Message = "The service will be read-only on Saturday from 02:00 to 03:00 UTC.",
        PreferredChannels = [NotificationChannel.Email],
        Recipients = [Recipient()],
        CreatedAt = TestHost.Now.AddHours(-1),
    };

    public static NotificationBatchSchema Batch() => new()
    {
        BatchId = "b-001",
        TenantId = "acme_01",
        Name = "Maintenance notices",
        Notifications = [Notification(), Notification() with { NotificationId = "n-002" }],
        CreatedAt = TestHost.Now.AddHours(-1),
    };

    public static MonitoringMetric Metric(string id = "m1", string name = "cpu_usage_percent") => new()
    {
        MetricId = id,
        Name = name,
        DisplayName = "CPU",
        Description = "CPU usage of the API tier",
        MetricType = MetricType.Gauge,
        Source = MetricSource.Infrastructure,
        Query = "avg(cpu_usage_percent)",
        Unit = "%",
    };

    public static MonitoringConfigSchema Monitoring() => new()
    {
        ConfigId = "mon-001",
        TenantId = "acme_01",
        Name = "Production monitoring",
        Metrics = [Metric()],
        Dashboards =
        [
            new MonitoringDashboard
            {
                DashboardId = "d1",
                Name = "Overview",
                DashboardType = DashboardType.Overview,
                Category = "ops",
                CreatedBy = "ops",
                Panels = [new DashboardPanel { PanelId = "p1", Title = "CPU", PanelType = PanelType.Graph, Metrics = ["m1"], Position = new Dictionary<string, int> { ["x"] = 0, ["y"] = 0, ["width"] = 6, ["height"] = 4 } }],
                CreatedAt = TestHost.Now.AddDays(-1),
            },
        ],
        DefaultDashboard = "d1",
        Targets = [new MonitoringTarget { TargetId = "t1", Name = "api", TargetType = TargetType.Service, Endpoint = "http://api:9090" }],
        AlertRules = [new AlertRule { RuleId = "r1", Name = "High CPU", Description = "CPU above 90", MetricName = "cpu_usage_percent", Operator = AlertConditionOperator.Gt, Threshold = 90, Severity = AlertRuleSeverity.Warning }],
        CreatedAt = TestHost.Now.AddDays(-1),
    };

    public static ComplianceControl Control(string id, params ComplianceStandard[] standards) => new()
    {
        ControlId = id,
        Name = $"Control {id}",
        Description = "A control",
        Standards = standards,
        Category = "access",
        ControlType = ControlType.Preventive,
        Status = ComplianceStatus.Compliant,
        RiskLevel = RiskLevel.Medium,
        Requirements = ["requirement"],
        ImplementationStatus = ImplementationStatus.Implemented,
        ResponsibleParty = "security",
    };

    public static DataRetentionPolicy Policy(string id = "pol1") => new()
    {
        PolicyId = id,
        Name = "Customer data",
        DataTypes = ["orders"],
        DataClassification = DataClassification.Confidential,
        RetentionPeriodDays = 365,
        DeletionMethod = DeletionMethod.HardDelete,
        ApplicableStandards = [ComplianceStandard.Gdpr],
        ContainsPii = true,
        CreatedBy = "dpo",
        EffectiveDate = TestHost.Now.AddYears(-1),
        ReviewDate = TestHost.Now.AddMonths(6),
    };

    /// <summary>A GDPR programme that passes every rule, warnings included (5 GDPR controls).</summary>
    public static ComplianceSchema Compliance() => new()
    {
        ComplianceId = "c-001",
        TenantId = "acme_01",
        Name = "Acme GDPR programme",
        ApplicableStandards = [ComplianceStandard.Gdpr],
        ComplianceFramework = "ISO 27701",
        ComplianceOfficer = "Jane Doe",
        DataProtectionOfficer = "John Roe",
        Controls = [.. Enumerable.Range(1, 5).Select(i => Control($"ctl-{i}", ComplianceStandard.Gdpr))],
        DataRetentionPolicies = [Policy()],
        ComplianceScore = 85,
        CreatedAt = TestHost.Now.AddYears(-1),
    };

    public static IncidentReport Breach(params ComplianceStandard[] standards) => new()
    {
        IncidentId = "inc-1",
        Title = "Leaked export",
        Description = "An export was shared publicly",
        IncidentType = IncidentType.DataBreach,
        Severity = RiskLevel.High,
        AffectedStandards = standards,
        DiscoveredAt = TestHost.Now.AddDays(-1),
        ReportedAt = TestHost.Now.AddDays(-1),
        ReportedBy = "soc",
        AssignedTo = "dpo",
        RegulatoryNotificationRequired = true,
    };

    public static IReadOnlyDictionary<string, JsonElement> Sent(DateTimeOffset at) =>
        new Dictionary<string, JsonElement> { ["authority"] = JsonSerializer.SerializeToElement("CNIL"), ["sent_at"] = JsonSerializer.SerializeToElement(at.ToString("O")) };

    public static PerformanceMetricsSchema Performance() => new()
    {
        MetricsId = "perf-001",
        TenantId = "acme_01",
        Name = "API performance",
        Thresholds = [new MetricThreshold { ThresholdId = "th1", Name = "latency", Operator = ThresholdOperator.Gt, WarningValue = 400, CriticalValue = 800 }],
        Baselines =
        [
            new PerformanceBaseline
            {
                BaselineId = "b1", MetricName = "latency", MeanValue = 210, MedianValue = 200, StdDeviation = 40, MinValue = 90, MaxValue = 900,
                P95Value = 380, P99Value = 610, ObservationStart = TestHost.Now.AddDays(-7), ObservationEnd = TestHost.Now, SampleCount = 10080,
                ConfidenceLevel = 95, ValidUntil = TestHost.Now.AddDays(30),
            },
        ],
        SlaMetrics = [new SlaMetrics { SlaId = "s1", Name = "API Availability", TargetValue = 99.9, CurrentValue = 99.95, AchievementPercentage = 100, Status = PerformanceStatus.Excellent }],
        PerformanceTargets = new Dictionary<string, double> { ["api_availability"] = 99.9 },
        CreatedAt = TestHost.Now.AddDays(-7),
    };
}
