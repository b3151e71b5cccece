using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// Cost of validating an alert as its recipient list grows: the per-recipient cost must stay flat (linear total),
/// which also shows that de-duplicating recipients is not quadratic.
/// </summary>
[MemoryDiagnoser]
public class RecipientScalingBenchmarks
{
    private static readonly TenancyValidationContext Enterprise = new() { Tier = TenantType.Enterprise };

    private IValidator<AlertSchema> _validator = null!;
    private AlertSchema _alert = null!;

    [Params(10, 1_000, 10_000)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One tenant validated in a tight loop would exhaust its rate limit; this measures validation alone.
        _validator = new ServiceCollection()
            .AddSingleton(Prometheus.Metrics.NewCustomRegistry())
            .AddTenancySchemas(o =>
            {
                o.Audit.Enabled = false;
            })
            .BuildServiceProvider().GetRequiredService<IValidator<AlertSchema>>();
        _alert = Documents.Alert([.. Enumerable.Range(0, Recipients).Select(i => $"person{i}@acme.example.com")]);
    }

    [Benchmark]
    public bool ValidateAlert() => _validator.Validate(_alert, Enterprise).IsValid;

    [Benchmark]
    public int EffectiveRecipients() => _alert.GetEffectiveRecipients().Count;
}
