using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using TenancySchemas.Alerts;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// What auditing and metrics cost: the same alert validator from DI with both on (audit events to a Serilog logger
/// without sinks, metrics to a private registry) and with both off.
/// </summary>
[MemoryDiagnoser]
public class ObservabilityBenchmarks
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private IValidator<AlertSchema> _observed = null!;
    private IValidator<AlertSchema> _bare = null!;
    private IValidator<AlertSchema> _auditOnly = null!;
    private IValidator<AlertSchema> _metricsOnly = null!;
    private AlertSchema _alert = null!;

    [GlobalSetup]
    public void Setup()
    {
        _observed = Create(o =>
        {
            o.AuditLogger = new LoggerConfiguration().CreateLogger();
        });
        _bare = Create(o =>
        {
            o.EnableAuditing = false;
            o.EnableMetrics = false;
        });
        _auditOnly = Create(o =>
        {
            o.AuditLogger = new LoggerConfiguration().CreateLogger();
            o.EnableMetrics = false;
        });
        _metricsOnly = Create(o =>
        {
            o.EnableAuditing = false;
        });
        _alert = Documents.Alert(["oncall@acme.example.com"]);
    }

    [Benchmark(Baseline = true)]
    public bool InstrumentationOff() => _bare.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool AuditAndMetricsOn() => _observed.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool AuditOnly() => _auditOnly.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public bool MetricsOnly() => _metricsOnly.Validate(_alert, Enterprise).IsValid;

    private static IValidator<AlertSchema> Create(Action<TenancySchemaOptions> configure) =>
        new ServiceCollection().AddSingleton(Prometheus.Metrics.NewCustomRegistry()).AddTenancySchemas(configure).BuildServiceProvider().GetRequiredService<IValidator<AlertSchema>>();
}
