using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using TenancySchemas.Common;

namespace TenancySchemas.Validation;

/// <summary>
/// Lets FluentValidation skip a <c>RuleForEach</c> of plain checks when every item passes them.
/// </summary>
/// <remarks>
/// FluentValidation runs a collection rule item by item, and for every item, valid or not, it pushes a child state,
/// builds the item's path and index strings and resets the message arguments of every check: about 0.4 µs and 300 B
/// per item and check, several times what the checks themselves cost. The precheck is a rule condition that runs the
/// rule's own check validators over the items first; only when one of them fails does FluentValidation run the rule
/// as usual, so every failure (path, index, code, message, attempted value) is still FluentValidation's own.
/// </remarks>
internal static class ItemPrecheck
{
    // Checks that only look at the item (and the validated document): running them twice changes nothing.
    private static readonly HashSet<Type> SideEffectFree =
    [
        typeof(NotEmptyValidator<,>),
        typeof(NotNullValidator<,>),
        typeof(PredicateValidator<,>),
        typeof(InclusiveBetweenValidator<,>),
        typeof(LengthValidator<>),
        typeof(MaximumLengthValidator<>),
        typeof(AspNetCoreCompatibleEmailValidator<>),
        typeof(FormatValidator<,>),
    ];

    // The rules whose only condition is their precheck (the JSON Schema exporter treats them as unconditional).
    private static readonly ConditionalWeakTable<IValidationRule, object> Prechecked = [];

    /// <summary>
    /// Ends a <c>RuleForEach</c> chain of plain checks: the rule runs only when an item fails one of them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule is not a collection rule, has a condition, or has a check
    /// that may not run twice (a child validator, a custom or asynchronous check).</exception>
    public static IRuleBuilderOptions<T, TElement> PrecheckItems<T, TElement>(this IRuleBuilderOptions<T, TElement> rule) =>
        rule.Configure(Apply);

    /// <summary>Gets whether the rule's condition is its item precheck alone.</summary>
    public static bool IsPrechecked(IValidationRule rule) => Prechecked.TryGetValue(rule, out _);

    private static void Apply<T, TElement>(IValidationRule<T, TElement> rule)
    {
        if (rule is not ICollectionRule<T, TElement> || rule.HasCondition || rule.HasAsyncCondition)
        {
            throw new InvalidOperationException($"PrecheckItems needs an unconditional RuleForEach rule ({rule.PropertyName}).");
        }

        var checks = new List<IPropertyValidator<T, TElement>>();
        foreach (var component in rule.Components)
        {
            if (component.HasCondition || component.HasAsyncCondition || component.Validator is not IPropertyValidator<T, TElement> check ||
                !SideEffectFree.Contains(check.GetType().GetGenericTypeDefinition()))
            {
                throw new InvalidOperationException($"PrecheckItems cannot run {component.Validator.Name} of {rule.PropertyName} ahead of the rule.");
            }

            checks.Add(check);
        }

        var all = checks.ToArray();
        rule.ApplySharedCondition(context => AnyItemFails(rule, all, context));
        Prechecked.Add(rule, all);
    }

    private static bool AnyItemFails<T, TElement>(IValidationRule<T> rule, IPropertyValidator<T, TElement>[] checks, ValidationContext<T> context)
    {
        switch (rule.GetPropertyValue(context.InstanceToValidate))
        {
            case IReadOnlyList<TElement> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (Fails(checks, context, list[i]))
                    {
                        return true;
                    }
                }

                return false;
            case IEnumerable<TElement> items:
                foreach (var item in items)
                {
                    if (Fails(checks, context, item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool Fails<T, TElement>(IPropertyValidator<T, TElement>[] checks, ValidationContext<T> context, TElement item)
    {
        foreach (var check in checks)
        {
            if (!check.IsValid(context, item))
            {
                return true;
            }
        }

        return false;
    }
}
