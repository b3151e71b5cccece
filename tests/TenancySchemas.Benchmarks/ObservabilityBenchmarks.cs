using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using TenancySchemas.Alerts;
using TenancySchemas.Auditing;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// What auditing and metrics cost: the same alert validator from DI with both on (audit records to a Serilog logger
/// without sinks, metrics to a private registry) and with both off; the audit chain plain SHA-256 and keyed
/// (HMAC-SHA256).
/// </summary>
[MemoryDiagnoser]
public class ObservabilityBenchmarks
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };
    private static readonly AuditKey Key = AuditKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private IValidator<AlertSchema> _observed = null!;
    private IValidator<AlertSchema> _bare = null!;
    private IValidator<AlertSchema> _auditOnly = null!;
    private IValidator<AlertSchema> _auditOnlyKeyed = null!;
    private IValidator<AlertSchema> _metricsOnly = null!;
    private AlertSchema _alert = null!;

    [GlobalSetup]
    public void Setup()
    {
        _observed = Create(_ => { });
        _bare = Create(o =>
        {
            o.Audit.Enabled = false;
            o.EnableMetrics = false;
        });
        _auditOnly = Create(o => o.EnableMetrics = false);
        _auditOnlyKeyed = Create(o => o.EnableMetrics = false, Key);
        _metricsOnly = Create(o => o.Audit.Enabled = false);
        _alert = Documents.Alert(["oncall@acme.example.com"]);
    }

    [Benchmark(Baseline = true)]
    public bool InstrumentationOff() => _bare.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool AuditAndMetricsOn() => _observed.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool AuditOnly() => _auditOnly.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool AuditOnlyKeyed() => _auditOnlyKeyed.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool MetricsOnly() => _metricsOnly.Validate(_alert, Enterprise).IsValid;

    // A logger without sinks: the audit record is built, chained and handed to Serilog, nothing is written.
    private static IValidator<AlertSchema> Create(Action<TenancySchemaOptions> configure, AuditKey? key = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(Prometheus.Metrics.NewCustomRegistry())
            .AddSingleton<ILogger>(new LoggerConfiguration().CreateLogger());
        if (key is not null)
        {
            services.AddSingleton(key);
        }

        return services.AddTenancySchemas(configure).BuildServiceProvider().GetRequiredService<IValidator<AlertSchema>>();
    }
}
