using System.Text;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// The same documents through the full path users get from DI, the same validator with instrumentation off,
/// FluentValidation's engine alone on that validator, a bare FluentValidation validator with the same field rules,
/// hand-written checks, and JSON read + validate against read alone.
/// </summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };
    private readonly List<(string, string)> _failures = [];

    private Func<bool> _full = null!;
    private Func<bool> _off = null!;
    private Func<bool> _engine = null!;
    private Func<bool> _bare = null!;
    private Func<int> _handWritten = null!;
    private Func<bool> _readAndValidate = null!;
    private Func<bool> _readOnly = null!;

    /// <summary>Gets or sets the document.</summary>
    [Params("valid alert", "invalid alert (5 failures)", "tenant config", "alert, 10,000 recipients")]
    public string Document { get; set; } = "valid alert";

    [GlobalSetup]
    public void Setup()
    {
        var full = Provider(_ => { });
        var off = Provider(o =>
        {
            o.Audit.Enabled = false;
            o.EnableMetrics = false;
        });

        switch (Document)
        {
            case "tenant config":
                Wire(Documents.Tenant(), full, off, new BareTenantConfigValidator(), t => HandWritten.Check(t, _failures));
                break;
            case "invalid alert (5 failures)":
                Wire(Documents.InvalidAlert(), full, off, new BareAlertValidator(), a => HandWritten.Check(a, _failures));
                break;
            case "alert, 10,000 recipients":
                Wire(Documents.Alert(10_000), full, off, new BareAlertValidator(), a => HandWritten.Check(a, _failures));
                break;
            default:
                Wire(Documents.Alert(2), full, off, new BareAlertValidator(), a => HandWritten.Check(a, _failures));
                break;
        }
    }

    [Benchmark(Baseline = true, Description = "full path (tier, isolation, audit, metrics)")]
    public bool FullPath() => _full();

    [Benchmark(Description = "same validator, instrumentation off")]
    public bool InstrumentationOff() => _off();

    [Benchmark(Description = "FluentValidation's engine alone, same validator and rule set")]
    public bool FluentValidationEngineAlone() => _engine();

    [Benchmark(Description = "bare FluentValidation, same field rules")]
    public bool BareFluentValidation() => _bare();

    [Benchmark(Description = "hand-written checks")]
    public int HandWrittenChecks() => _handWritten();

    [Benchmark(Description = "JSON read + full validation (UTF-8)")]
    public bool ReadAndValidate() => _readAndValidate();

    [Benchmark(Description = "JSON read alone (UTF-8)")]
    public bool ReadOnly() => _readOnly();

    // A logger without sinks: the audit record is built and chained, nothing is written.
    private static ServiceProvider Provider(Action<TenancySchemaOptions> configure) =>
        new ServiceCollection()
            .AddSingleton(Prometheus.Metrics.NewCustomRegistry())
            .AddSingleton<ILogger>(new LoggerConfiguration().CreateLogger())
            .AddTenancySchemas(configure)
            .BuildServiceProvider();

    private void Wire<T>(T document, ServiceProvider full, ServiceProvider off, IValidator<T> bare, Func<T, int> handWritten)
        where T : class, TenancySchemas.Schemas.ITenancyDocument
    {
        var fullValidator = full.GetRequiredService<IValidator<T>>();
        var offValidator = off.GetRequiredService<IValidator<T>>();
        var json = full.GetRequiredService<TenancyJson>();
        var bytes = Encoding.UTF8.GetBytes(json.Write(document));
        _full = () => fullValidator.Validate(document, Enterprise).IsValid;
        _off = () => offValidator.Validate(document, Enterprise).IsValid;
        var engine = FluentValidationEngine.For<T>(off, TenantType.Enterprise);
        _engine = () => engine(document);
        _bare = () => bare.Validate(document).IsValid;
        _handWritten = () => handWritten(document);
        _readAndValidate = () => json.ReadAndValidate(bytes, fullValidator, Enterprise).IsValid;
        _readOnly = () => json.Read<T>(bytes).Value is not null;
    }
}

/// <summary>The benchmark documents.</summary>
internal static class Documents
{
    /// <summary>A typical alert; every other recipient is an e-mail address, the rest are channels.</summary>
    public static AlertSchema Alert(int recipients) =>
        Alert([.. Enumerable.Range(0, recipients).Select(i => i % 2 == 0 ? $"oncall{i}@acme.example.com" : $"#ops-{i}")]);

    /// <summary>A typical alert with the given recipients.</summary>
    public static AlertSchema Alert(IReadOnlyList<string> recipients) => new()
    {
        TenantId = "acme_01",
        Name = "High CPU",
        Title = "CPU above 90 %",
        Description = "CPU usage of the API tier is above 90 % for 5 minutes.",
        Severity = AlertSeverity.High,
        Category = AlertCategory.Performance,
        Conditions = [new AlertCondition { MetricName = "cpu_usage_percent", Operator = AlertOperator.Gt, Threshold = 90 }],
        NotificationChannels = [AlertChannel.Email, AlertChannel.Slack],
        Recipients = recipients,
        Tags = new Dictionary<string, string> { ["team"] = "platform" },
    };

    /// <summary>Five field failures: name, title and description too short, a condition's duration, an e-mail address.</summary>
    public static AlertSchema InvalidAlert() => Alert(2) with
    {
        Name = "x",
        Title = "CPU",
        Description = "short",
        Conditions = [new AlertCondition { MetricName = "cpu_usage_percent", Operator = AlertOperator.Gt, Threshold = 90, DurationMinutes = 0 }],
        Recipients = ["oncall@", "#ops"],
    };

    public static TenantConfigSchema Tenant() => new()
    {
        TenantId = "acme_01",
        TenantName = "Acme Corporation",
        TenantType = TenantType.Enterprise,
        AdminEmail = "admin@acme.example.com",
        ContactPhone = "+14155550123",
        Organization = "Acme",
        CountryCode = "US",
        Timezone = "America/New_York",
        Features = new HashSet<TenantFeature> { TenantFeature.AdvancedAnalytics, TenantFeature.AuditLogging },
        ComplianceLevels = [ComplianceLevel.Gdpr, ComplianceLevel.Soc2],
        Security = new TenantSecurityConfig { MfaRequired = true, AuditRetentionDays = 400 },
        Tags = new Dictionary<string, string> { ["region"] = "us-east" },
    };
}
