// The A/B harness of run.sh: compiled twice, against the library of a baseline commit (BASELINE defined, the options
// of that time) and against the working tree's, so that both builds run the same benchmarks on the same documents.
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using TenancySchemas;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

BenchmarkSwitcher.FromAssembly(typeof(ReadAndValidate).Assembly).Run(args);

/// <summary>A typical alert (the bundled professional sample) read from its bytes and validated, as applications do.</summary>
[MemoryDiagnoser]
public class ReadAndValidate
{
    private static readonly TenancyValidationContext Professional = new() { Tier = TenantType.Professional };

    private byte[] _alert = [];
    private TenancyJson _fullJson = null!;
    private IValidator<AlertSchema> _full = null!;
    private TenancyJson _offJson = null!;
    private IValidator<AlertSchema> _off = null!;

    [GlobalSetup]
    public void Setup()
    {
        _alert = File.ReadAllBytes(Environment.GetEnvironmentVariable("AB_DOCUMENT") ?? "alert.json");
        (_fullJson, _full) = Create(instrumented: true);
        (_offJson, _off) = Create(instrumented: false);
        if (!_fullJson.ReadAndValidate(_alert, _full, Professional).IsValid || !_offJson.ReadAndValidate(_alert, _off, Professional).IsValid)
        {
            throw new InvalidOperationException("The benchmark's alert must be valid in both builds.");
        }
    }

    /// <summary>Audit records to a Serilog logger without sinks (built, chained, handed over), metrics to a private registry.</summary>
    [Benchmark]
    public bool Full() => _fullJson.ReadAndValidate(_alert, _full, Professional).IsValid;

    /// <summary>The same with auditing and metrics off.</summary>
    [Benchmark(Baseline = true)]
    public bool InstrumentationOff() => _offJson.ReadAndValidate(_alert, _off, Professional).IsValid;

    private static (TenancyJson, IValidator<AlertSchema>) Create(bool instrumented)
    {
        var services = new ServiceCollection();
#if BASELINE
        services.AddTenancySchemas(o =>
        {
            o.EnableRateLimiting = false;
            o.EnableAuditing = instrumented;
            o.EnableMetrics = instrumented;
            o.AuditLogger = new LoggerConfiguration().CreateLogger();
            o.MetricsRegistry = Prometheus.Metrics.NewCustomRegistry();
        });
#else
        services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton<ILogger>(new LoggerConfiguration().CreateLogger());
        services.AddTenancySchemas(o =>
        {
            o.Audit.Enabled = instrumented;
            o.EnableMetrics = instrumented;
        });
#endif
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<TenancyJson>(), provider.GetRequiredService<IValidator<AlertSchema>>());
    }
}
