using TenancySchemas.Alerts;
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
}
