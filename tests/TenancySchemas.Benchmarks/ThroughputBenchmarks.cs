using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using TenancySchemas.Alerts;
using TenancySchemas.RateLimiting;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// Validations per second on 1 and 2 threads through the full path (audit chain under one lock, metrics):
/// 2,000 valid alerts of 50 tenants per operation; the contention of the shared audit chain shows as a ratio below 2.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int Documents = 2_000;
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private IValidator<AlertSchema> _validator = null!;
    private AlertSchema[] _alerts = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _validator = new ServiceCollection()
            .AddSingleton(Prometheus.Metrics.NewCustomRegistry())
            .AddSingleton<ILogger>(new LoggerConfiguration().CreateLogger())
            .AddTenancySchemas()
            .BuildServiceProvider().GetRequiredService<IValidator<AlertSchema>>();
        _alerts = [.. Enumerable.Range(0, Documents).Select(i => TenancySchemas.Benchmarks.Documents.Alert(2) with { TenantId = $"tenant_{i % 50:D2}" })];
    }

    /// <summary>One operation validates 2,000 documents; divide by the mean for validations per second.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public int Validate()
    {
        var valid = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var mine = 0;
            for (var i = thread; i < Documents; i += Threads)
            {
                mine += _validator.Validate(_alerts[i], Enterprise).IsValid ? 1 : 0;
            }

            Interlocked.Add(ref valid, mine);
        });
        return valid;
    }
}

/// <summary>
/// The first validation in a fresh process: <c>AddTenancySchemas()</c>, the container, the validator's rules, JIT.
/// Cold only when each launch is a new process: <c>--filter '*StartupBenchmarks*' --strategy ColdStart --launchCount 5
/// --warmupCount 0 --iterationCount 1</c> (the job is given on the command line, so that CI's in-process smoke run
/// runs it like every other benchmark).
/// </summary>
public class StartupBenchmarks
{
    [Benchmark]
    public bool FirstValidationAfterAddTenancySchemas()
    {
        using var provider = new ServiceCollection().AddTenancySchemas(o => o.Audit.Enabled = false).BuildServiceProvider();
        return provider.GetRequiredService<IValidator<AlertSchema>>().Validate(TenancySchemas.Benchmarks.Documents.Alert(2), Enterprise).IsValid;
    }

    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };
}

/// <summary>
/// The rate limiter's memory with 1,000,000 distinct tenants: allocated per run (MemoryDiagnoser) and retained after a
/// full collection, printed at cleanup (the limiter keeps at most its partition bound, whatever the number of tenants).
/// </summary>
[MemoryDiagnoser]
public class RateLimiterMemoryBenchmarks
{
    private const int Tenants = 1_000_000;
    private readonly string[] _tenants = [.. Enumerable.Range(0, Tenants).Select(i => $"tenant_{i:D7}")];
    private ServiceProvider? _provider;
    private long _retained;

    [Benchmark]
    public int AcquireForAMillionTenants()
    {
        _provider?.Dispose();
        _provider = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
        var limiter = _provider.GetRequiredService<ITenantRateLimiter>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var acquired = 0;
        foreach (var tenant in _tenants)
        {
            using var lease = limiter.AttemptAcquire(new TenancySchemas.Isolation.TenantContext(tenant, TenantType.Trial));
            acquired += lease.IsAcquired ? 1 : 0;
        }

        _retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        return acquired;
    }

    [GlobalCleanup]
    public void Report()
    {
        Console.WriteLine($"// rate limiter: {_retained / 1024.0 / 1024.0:F1} MB retained after {Tenants:N0} tenants ({(double)_retained / Tenants:F0} B per tenant)");
        _provider?.Dispose();
    }
}
