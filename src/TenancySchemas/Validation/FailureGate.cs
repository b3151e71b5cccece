using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace TenancySchemas.Validation;

/// <summary>
/// Puts every rule of a validator, and of the child validators its rules set, under the validation's
/// <see cref="ReportBudget"/>, through FluentValidation's public rule configuration: a message builder that spends the
/// budget for each failure FluentValidation builds (a failure past it gets no message: the pipeline drops it), and,
/// on rules over list items, a filter that stops checking items once the budget is exceeded. Without a budget (a
/// validator used outside the pipeline) both let everything through unchanged.
/// </summary>
/// <remarks>
/// FluentValidation evaluates conditions once per rule, not per item, so only an item filter can stop a rule halfway
/// through a list. The document precheck ignores the filter (it lets every item through when no budget is running).
/// </remarks>
internal static class FailureGate
{
    private static readonly MethodInfo GateRuleMethod = typeof(FailureGate).GetMethod(nameof(GateRule), BindingFlags.Public | BindingFlags.Static)!;
    private static readonly MethodInfo GateItemsMethod = typeof(FailureGate).GetMethod(nameof(GateItems), BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>
    /// Gates every rule of the validator and of its child validators. Installing twice changes nothing: the message
    /// builder is the same delegate, and a list rule that has a filter keeps it.
    /// </summary>
    /// <param name="validator">The validator; a validator that does not list its rules is left as it is.</param>
    public static void Install(IValidator validator)
    {
        if (validator is IEnumerable<IValidationRule> rules)
        {
            Install(rules, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    /// <summary>Whether a list filter is the gate's (the precheck treats it as no filter).</summary>
    public static bool IsGate(Delegate? filter) => filter?.Method.DeclaringType?.IsGenericType == true &&
        filter.Method.DeclaringType.GetGenericTypeDefinition() == typeof(ItemGate<>);

    private static void Install(IEnumerable<IValidationRule> rules, HashSet<object> visited)
    {
        if (!visited.Add(rules))
        {
            return;
        }

        foreach (var rule in rules)
        {
            if (GenericArguments(rule, typeof(IValidationRule<,>)) is { } ruleTypes)
            {
                GateRuleMethod.MakeGenericMethod(ruleTypes).Invoke(null, [rule]);
            }

            if (GenericArguments(rule, typeof(ICollectionRule<,>)) is { } itemTypes)
            {
                GateItemsMethod.MakeGenericMethod(itemTypes).Invoke(null, [rule]);
            }

            foreach (var component in rule.Components)
            {
                if (component.Validator is IChildValidatorAdaptor && RuleCatalog.ChildValidator(component.Validator) is IEnumerable<IValidationRule> child)
                {
                    Install(child, visited);
                }
            }
        }
    }

    private static Type[]? GenericArguments(IValidationRule rule, Type definition) =>
        rule.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();

    /// <summary>FluentValidation calls the message builder once for each failure it builds, instead of formatting the message.</summary>
    public static void GateRule<T, TProperty>(IValidationRule<T, TProperty> rule) => rule.MessageBuilder = Message;

    private static string Message<T, TProperty>(IMessageBuilderContext<T, TProperty> context) =>
        ReportBudget.SpendBuilt(context.ParentContext) ? context.GetDefaultMessage() : string.Empty;

    /// <summary>A rule over list items with a filter of its own keeps it (none of ours has one): such a rule is not gated.</summary>
    public static void GateItems<T, TElement>(ICollectionRule<T, TElement> rule)
    {
        if (rule.Filter is null && rule.AsyncFilter is null)
        {
            rule.Filter = ItemGate<TElement>.Filter;
        }
    }

    private static class ItemGate<TElement>
    {
        public static readonly Func<TElement, bool> Filter = Check;

        // Past the budget the document is invalid whatever the remaining items hold.
        private static bool Check(TElement item) => ReportBudget.Current is not { Exceeded: true };
    }
}
