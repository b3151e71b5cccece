using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using FluentValidation.Validators;
using TenancySchemas.Localization;

namespace TenancySchemas.Validation;

/// <summary>
/// The rule helpers the family validators declare their own checks with. Each is plain FluentValidation (a
/// <see cref="PropertyValidator{T, TProperty}"/> of ours, or FluentValidation's <c>When</c>) that also records what it
/// checks, so that <see cref="DocumentPrecheck"/> can run it ahead of FluentValidation through public members only.
/// </summary>
internal static class RuleChecks
{
    private static readonly ConditionalWeakTable<IRuleComponent, object> Conditions = [];
    private static readonly ConditionalWeakTable<IValidationRule, List<Json.TierSchemaHint>> TierSchemas = [];

    /// <summary>A predicate over the value; FluentValidation's <c>Must</c>, as a check the precheck knows to be pure.</summary>
    public static IRuleBuilderOptions<T, TProperty> Satisfies<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, bool> predicate) =>
        rule.SetValidator(new PredicateCheck<T, TProperty>((_, value) => predicate(value)));

    /// <summary>A predicate over the document and the value; FluentValidation's <c>Must</c>, as a check the precheck knows to be pure.</summary>
    public static IRuleBuilderOptions<T, TProperty> Satisfies<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<T, TProperty, bool> predicate) =>
        rule.SetValidator(new PredicateCheck<T, TProperty>(predicate));

    /// <summary>
    /// A rule that reports its own failures, at paths it names (FluentValidation's <c>Custom</c>), with the codes it
    /// declares (the reference lists them; reporting another is a bug, refused). The action must only read the document
    /// and report: the precheck runs it with a report that just notes whether anything was reported.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> Reports<T, TProperty>(this IRuleBuilder<T, TProperty> rule, string[] codes, Action<TProperty, FailureReport<T>> action) =>
        rule.SetValidator(new ReportingCheck<T, TProperty>(codes, action));

    /// <summary>A rule that reports failures of one code (see the overload that declares several).</summary>
    public static IRuleBuilderOptions<T, TProperty> Reports<T, TProperty>(this IRuleBuilder<T, TProperty> rule, string code, Action<TProperty, FailureReport<T>> action) =>
        rule.Reports([code], action);

    /// <summary>FluentValidation's <c>When</c> (on every check of the rule so far), with the condition recorded for the precheck.</summary>
    public static IRuleBuilderOptions<T, TProperty> OnlyWhen<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, bool> condition) =>
        rule.Configure(declared =>
        {
            foreach (var component in declared.Components)
            {
                var recorded = Conditions.TryGetValue(component, out var existing) ? (Func<T, bool>)existing : null;
                Conditions.AddOrUpdate(component, recorded is null ? condition : document => recorded(document) && condition(document));
            }
        }).When(condition);

    /// <summary>Declares what a tier rule means for the tier's JSON Schema (see <see cref="Json.TierSchemaHint"/>).</summary>
    public static IRuleBuilderOptions<T, TProperty> WithTierSchema<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Json.TierSchemaHint hint) =>
        rule.Configure(declared => TierSchemas.GetOrCreateValue(declared).Add(hint));

    /// <summary>The JSON Schema hints a rule declared with <see cref="WithTierSchema"/>.</summary>
    public static IReadOnlyList<Json.TierSchemaHint> TierSchemaOf(IValidationRule rule) => TierSchemas.TryGetValue(rule, out var hints) ? hints : [];

    /// <summary>The condition <see cref="OnlyWhen"/> recorded for a check, or <see langword="null"/> when it recorded none.</summary>
    public static Func<T, bool>? ConditionOf<T>(IRuleComponent component) =>
        Conditions.TryGetValue(component, out var condition) ? condition as Func<T, bool> : null;
}

/// <summary>A check the document precheck may run ahead of FluentValidation: it only reads the value and the document.</summary>
/// <typeparam name="T">The validated type.</typeparam>
/// <typeparam name="TProperty">The checked value's type.</typeparam>
internal interface IDocumentCheck<T, in TProperty>
{
    /// <summary>Gets whether FluentValidation would find no failure for the value.</summary>
    bool Passes(ValidationContext<T> context, TProperty value);
}

/// <summary>A pure predicate: the precheck calls it as FluentValidation does.</summary>
internal sealed class PredicateCheck<T, TProperty>(Func<T, TProperty, bool> predicate) : PropertyValidator<T, TProperty>, IDocumentCheck<T, TProperty>
{
    public override string Name => "PredicateValidator";

    public override bool IsValid(ValidationContext<T> context, TProperty value) => predicate(context.InstanceToValidate, value);

    public bool Passes(ValidationContext<T> context, TProperty value) => predicate(context.InstanceToValidate, value);

    // FluentValidation's own (localized) message for a failed Must, where a rule names no message of its own.
    protected override string GetDefaultMessageTemplate(string errorCode) => Localized(errorCode, "PredicateValidator");
}

/// <summary>A check that reports failures of its own, of the codes it declares.</summary>
internal interface IReportingCheck
{
    /// <summary>Gets the codes the check may report.</summary>
    IReadOnlyList<string> Codes { get; }
}

/// <summary>A rule that reports failures of its own; it passes the precheck when it reports nothing.</summary>
internal sealed class ReportingCheck<T, TProperty>(string[] codes, Action<TProperty, FailureReport<T>> action) : PropertyValidator<T, TProperty>, IDocumentCheck<T, TProperty>, IReportingCheck
{
    public override string Name => "CustomValidator";

    public IReadOnlyList<string> Codes => codes;

    public override bool IsValid(ValidationContext<T> context, TProperty value)
    {
        action(value, new FailureReport<T>(context, collect: true, codes));
        return true;
    }

    public bool Passes(ValidationContext<T> context, TProperty value)
    {
        var probe = new FailureReport<T>(context, collect: false, codes);
        action(value, probe);
        return !probe.Reported;
    }
}

/// <summary>Where a reporting rule puts its failures: the validation's own, or, in a precheck, nowhere but a flag.</summary>
/// <typeparam name="T">The validated type.</typeparam>
internal sealed class FailureReport<T>(ValidationContext<T> context, bool collect, string[] codes)
{
    /// <summary>Gets the validation context (the document, the root context data).</summary>
    public ValidationContext<T> Context { get; } = context;

    /// <summary>Gets the document.</summary>
    public T Document => Context.InstanceToValidate;

    /// <summary>Gets a value indicating whether anything was reported.</summary>
    public bool Reported { get; private set; }

    /// <summary>
    /// Reports a failure at a property path relative to the validated object, with its code and localized message. Past
    /// the validation's failure budget (see <see cref="ReportBudget"/>) a failure is only counted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule did not declare <paramref name="code"/> (a bug in the rule).</exception>
    public void Add(string propertyPath, string code, MessageArgs args, Severity severity = Severity.Error)
    {
        if (Array.IndexOf(codes, code) < 0)
        {
            throw new InvalidOperationException($"A rule reported '{code}' without declaring it.");
        }

        Reported = true;
        if (collect && ReportBudget.Spend(Context))
        {
            Context.AddFailure(new ValidationFailure(Context.PropertyChain.BuildPropertyPath(propertyPath), TenancyStringLocalizer.Instance.Format(code, args.Items))
            {
                ErrorCode = code,
                Severity = severity,
            });
        }
    }
}

/// <summary>
/// How many more failures a validation may build: a hostile document can make a rule fail once per list item or map
/// entry, and each failure costs FluentValidation a message, a path and a few objects. The budget is spent by our
/// reporting rules (<see cref="FailureReport{T}"/>) and, through every rule's message builder, by FluentValidation's own
/// checks (<see cref="FailureGate"/>). Past it, reporting rules only count their failures, and once one failure beyond
/// it is known, the remaining items of every list are no longer checked: the document is invalid whatever they hold.
/// The pipeline reports the failures past the budget as one <c>tenancy.json.too_many_errors</c>.
/// </summary>
internal sealed class ReportBudget(int remaining)
{
    private const string Key = "tenancy.report_budget";

    // The budget of the validation running in this flow, for the list-item filters, which see only the item.
    private static readonly AsyncLocal<ReportBudget?> Running = new();

    private int _remaining = remaining;

    /// <summary>Gets the number of failures counted but not built.</summary>
    public int Dropped { get; private set; }

    /// <summary>Gets a value indicating whether a failure beyond the budget has been found (built or counted).</summary>
    public bool Exceeded { get; private set; }

    /// <summary>Gets the budget of the validation running in this flow, if any.</summary>
    public static ReportBudget? Current => Running.Value;

    /// <summary>Gives a validation context a budget.</summary>
    public static ReportBudget Start(IValidationContext context, int maxErrors)
    {
        var budget = new ReportBudget(maxErrors);
        context.RootContextData[Key] = budget;
        return budget;
    }

    /// <summary>Makes a budget the current one of this flow until the scope is disposed.</summary>
    public static Scope Enter(ReportBudget budget)
    {
        var previous = Running.Value;
        Running.Value = budget;
        return new Scope(previous);
    }

    /// <summary>Takes one failure from the context's budget: false when it is spent (the failure is counted, not built).</summary>
    public static bool Spend(IValidationContext context) => Take(context, countDropped: true);

    /// <summary>
    /// Accounts for a failure FluentValidation is building: true while the budget lasts (the failure gets its message);
    /// false past it (the failure is built without one, and the pipeline drops and counts it).
    /// </summary>
    public static bool SpendBuilt(IValidationContext context) => Take(context, countDropped: false);

    private static bool Take(IValidationContext context, bool countDropped)
    {
        if (Of(context) is not { } budget)
        {
            return true;
        }

        if (budget._remaining > 0)
        {
            budget._remaining--;
            return true;
        }

        budget.Dropped += countDropped ? 1 : 0;
        budget.Exceeded = true;
        return false;
    }

    private static ReportBudget? Of(IValidationContext context) =>
        context.RootContextData.TryGetValue(Key, out var stored) ? stored as ReportBudget : null;

    /// <summary>Restores the flow's previous budget.</summary>
    public readonly struct Scope(ReportBudget? previous) : IDisposable
    {
        /// <summary>Restores the previous budget.</summary>
        public void Dispose() => Running.Value = previous;
    }
}
