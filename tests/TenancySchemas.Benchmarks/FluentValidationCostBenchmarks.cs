using BenchmarkDotNet.Attributes;
using FluentValidation;
using TenancySchemas.Alerts;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// What FluentValidation's own structures cost, on the library's alert record and without the library's validators:
/// the figures behind the prechecks (README, Performance). Each validator checks the same valid alert.
/// </summary>
[MemoryDiagnoser]
public class FluentValidationCostBenchmarks
{
    private readonly AlertSchema _alert = Documents.Alert(2) with { Metrics = new AlertMetrics { ResponseTimeMs = 12, UserSatisfaction = 4 } };

    private readonly Rules _empty = new(_ => { });

    private readonly Rules _tenRootRules = new(v =>
    {
        v.RuleFor(x => x.AutoResolveMinutes).InclusiveBetween(5, 1440);
        v.RuleFor(x => x.CooldownMinutes).InclusiveBetween(1, 60);
        v.RuleFor(x => x.MaxNotifications).InclusiveBetween(1, 100);
        v.RuleFor(x => x.AlertId).NotEmpty();
        v.RuleFor(x => x.TenantId).NotEmpty();
        v.RuleFor(x => x.Name).NotEmpty();
        v.RuleFor(x => x.Title).NotEmpty();
        v.RuleFor(x => x.Description).NotEmpty();
        v.RuleFor(x => x.Source).NotNull();
        v.RuleFor(x => x.Environment).NotNull();
    });

    private readonly Rules _forEachOverTwoItems = new(v => v.RuleForEach(x => x.NotificationChannels).Must(c => c != (AlertChannel)99));

    private readonly Rules _mustOverTheList = new(v => v.RuleFor(x => x.NotificationChannels).Must(channels => !channels.Contains((AlertChannel)99)));

    private readonly Rules _childOfFiveRules = new(v => v.RuleFor(x => x.Metrics).SetValidator(new InlineValidator<AlertMetrics>
    {
        m => m.RuleFor(x => x.ResponseTimeMs).GreaterThanOrEqualTo(0),
        m => m.RuleFor(x => x.AcknowledgmentTimeMs).GreaterThanOrEqualTo(0),
        m => m.RuleFor(x => x.ResolutionTimeMs).GreaterThanOrEqualTo(0),
        m => m.RuleFor(x => x.EscalationCount).GreaterThanOrEqualTo(0),
        m => m.RuleFor(x => x.UserSatisfaction).InclusiveBetween(1, 5),
    }));

    private readonly Rules _threeIsInEnum = new(v =>
    {
        v.RuleFor(x => x.Severity).IsInEnum();
        v.RuleFor(x => x.Category).IsInEnum();
        v.RuleFor(x => x.Status).IsInEnum();
    });

    [Benchmark(Baseline = true, Description = "empty validator")]
    public bool Empty() => _empty.Validate(_alert).IsValid;

    [Benchmark(Description = "10 rules on the document")]
    public bool TenRootRules() => _tenRootRules.Validate(_alert).IsValid;

    [Benchmark(Description = "RuleForEach over 2 items")]
    public bool ForEachOverTwoItems() => _forEachOverTwoItems.Validate(_alert).IsValid;

    [Benchmark(Description = "one Must over the same 2 items")]
    public bool MustOverTheList() => _mustOverTheList.Validate(_alert).IsValid;

    [Benchmark(Description = "child validator of 5 rules")]
    public bool ChildOfFiveRules() => _childOfFiveRules.Validate(_alert).IsValid;

    [Benchmark(Description = "3 IsInEnum")]
    public bool ThreeIsInEnum() => _threeIsInEnum.Validate(_alert).IsValid;

    private sealed class Rules : AbstractValidator<AlertSchema>
    {
        public Rules(Action<Rules> define) => define(this);
    }
}
