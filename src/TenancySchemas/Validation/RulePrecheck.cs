using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using TenancySchemas.Common;

namespace TenancySchemas.Validation;

/// <summary>
/// Lets FluentValidation skip a rule over list items or a nested record when a precheck finds that every check passes.
/// </summary>
/// <remarks>
/// FluentValidation runs a collection rule item by item, and for every item, valid or not, it pushes a child state,
/// builds the item's path and index strings and resets the message arguments of every check; a child validator gets a
/// context of its own and builds a path string for each of its rules. That machinery costs several times what the
/// checks themselves cost (a nested record of five range checks: ~1.2 µs and 1 KB alone, ~3 µs inside an alert).
/// The precheck is a rule condition that runs the rule's own check validators, and those of its child validator's
/// rules, straight on the values first; only when one of them fails does FluentValidation run the rule as usual, so
/// every failure (path, index, code, message, attempted value) is still FluentValidation's own. It accepts only
/// checks that may run twice (no custom rules, no conditions, no asynchronous checks) and refuses others when the
/// validator is built.
/// </remarks>
internal static class RulePrecheck
{
    // Checks that only look at the value: running them twice changes nothing. (Predicates are checked one by one.)
    private static readonly HashSet<Type> SideEffectFree =
    [
        typeof(NotEmptyValidator<,>),
        typeof(NotNullValidator<,>),
        typeof(InclusiveBetweenValidator<,>),
        typeof(GreaterThanOrEqualValidator<,>),
        typeof(LessThanOrEqualValidator<,>),
        typeof(LengthValidator<>),
        typeof(MaximumLengthValidator<>),
        typeof(RegularExpressionValidator<>),
        typeof(AspNetCoreCompatibleEmailValidator<>),
        typeof(FormatValidator<,>),
    ];

    private const BindingFlags AnyInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    // The prechecked rules, with the precheck of their document: true when every check passes.
    private static readonly ConditionalWeakTable<IValidationRule, object> Prechecked = [];

    /// <summary>Ends a <c>RuleForEach</c> chain: the rule runs only when an item fails one of its checks.</summary>
    /// <exception cref="InvalidOperationException">A check may not run ahead of the rule.</exception>
    public static IRuleBuilderOptions<T, TElement> PrecheckItems<T, TElement>(this IRuleBuilderOptions<T, TElement> rule) =>
        rule.Configure(ApplyToItems);

    /// <summary>Ends a <c>RuleFor</c> chain with a child validator: the rule runs only when one of its checks, or one of the child's, fails.</summary>
    /// <exception cref="InvalidOperationException">A check may not run ahead of the rule.</exception>
    public static IRuleBuilderOptions<T, TProperty> PrecheckChild<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule) =>
        rule.Configure(ApplyToValue);

    /// <summary>Gets whether the rule's condition is its precheck alone.</summary>
    public static bool IsPrechecked(IValidationRule rule) => Prechecked.TryGetValue(rule, out _);

    private static void ApplyToItems<T, TElement>(IValidationRule<T, TElement> rule)
    {
        if (rule is not ICollectionRule<T, TElement>)
        {
            throw new InvalidOperationException($"PrecheckItems applies to RuleForEach rules ({rule.PropertyName}).");
        }

        Apply(rule, ItemsPass(rule, ValueChecks(rule)));
    }

    private static void ApplyToValue<T, TProperty>(IValidationRule<T, TProperty> rule)
    {
        if (rule is ICollectionRule<T, TProperty>)
        {
            throw new InvalidOperationException($"PrecheckChild applies to RuleFor rules ({rule.PropertyName}).");
        }

        Apply(rule, RulePasses(rule));
    }

    private static void Apply<T>(IValidationRule<T> rule, Func<ValidationContext<T>, bool> passes)
    {
        if (rule.HasCondition || rule.HasAsyncCondition)
        {
            throw new InvalidOperationException($"A prechecked rule may not have a condition ({rule.PropertyName}).");
        }

        rule.ApplySharedCondition(context => !passes(context));
        Prechecked.Add(rule, passes);
    }

    // Every item of the list passes every check.
    private static Func<ValidationContext<T>, bool> ItemsPass<T, TElement>(IValidationRule<T> rule, Func<ValidationContext<T>, TElement, bool> passes) =>
        context =>
        {
            switch (rule.GetPropertyValue(context.InstanceToValidate))
            {
                case IReadOnlyList<TElement> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (!passes(context, list[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                case IEnumerable<TElement> items:
                    foreach (var item in items)
                    {
                        if (!passes(context, item))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        };

    // The property's value passes every check.
    private static Func<ValidationContext<T>, bool> ValuePasses<T, TProperty>(IValidationRule<T, TProperty> rule, Func<ValidationContext<T>, TProperty, bool> passes)
    {
        if (rule.Expression is not Expression<Func<T, TProperty>> expression)
        {
            throw new InvalidOperationException($"A prechecked rule must read its property directly ({rule.PropertyName}).");
        }

        var read = expression.Compile();
        return context => passes(context, read(context.InstanceToValidate));
    }

    // The rule's checks of one value, in order; a child validator's checks count as one.
    private static Func<ValidationContext<T>, TValue, bool> ValueChecks<T, TValue>(IValidationRule<T, TValue> rule)
    {
        var checks = new List<Func<ValidationContext<T>, TValue, bool>>();
        foreach (var component in rule.Components)
        {
            if (component.HasCondition || component.HasAsyncCondition)
            {
                throw new InvalidOperationException($"A prechecked rule may not have conditional checks ({rule.PropertyName}).");
            }

            var validator = component.Validator;
            checks.Add(validator switch
            {
                ChildValidatorAdaptor<T, TValue> adaptor => ChildPasses(adaptor, rule.PropertyName),
                PredicateValidator<T, TValue> predicate when IsPlainPredicate(predicate) => predicate.IsValid,
                IPropertyValidator<T, TValue> check when IsSideEffectFree(check) => check.IsValid,

                // A check of an int on an int? is skipped for null, as FluentValidation does.
                _ when IsSideEffectFree(validator) && Nullable.GetUnderlyingType(typeof(TValue)) is { } inner =>
                    Build<Func<ValidationContext<T>, TValue, bool>>(nameof(UnlessNull), [typeof(T), inner], validator),
                _ => throw new InvalidOperationException($"{validator.Name} of {rule.PropertyName} cannot run ahead of its rule."),
            });
        }

        var all = checks.ToArray();
        return (context, value) =>
        {
            foreach (var check in all)
            {
                if (!check(context, value))
                {
                    return false;
                }
            }

            return true;
        };
    }

    // Must(x => …) and Must((document, x) => …) keep the predicate in a closure of FluentValidation's; Custom(…) is a
    // Must too, whose closure holds an action that adds failures to the context: it may not run ahead of its rule.
    // Should FluentValidation change how it keeps predicates, every prechecked rule is refused when built.
    private static bool IsPlainPredicate<T, TValue>(PredicateValidator<T, TValue> validator) =>
        typeof(PredicateValidator<T, TValue>).GetField("_predicate", AnyInstance)?.GetValue(validator) is Delegate { Target: { } closure } &&
        closure.GetType().Assembly == typeof(PredicateValidator<T, TValue>).Assembly &&
        closure.GetType().GetFields(AnyInstance) is [{ } only] &&
        only.FieldType == typeof(Func<T, TValue, bool>);

    private static bool IsSideEffectFree(IPropertyValidator validator) =>
        validator.GetType() is { IsGenericType: true } type && SideEffectFree.Contains(type.GetGenericTypeDefinition());

    private static Func<ValidationContext<T>, TValue?, bool> UnlessNull<T, TValue>(IPropertyValidator<T, TValue> check)
        where TValue : struct =>
        (context, value) => value is null || check.IsValid(context, value.Value);

    // A child validator passes a value when each of its rules does (FluentValidation skips a null child).
    private static Func<ValidationContext<T>, TChild, bool> ChildPasses<T, TChild>(ChildValidatorAdaptor<T, TChild> adaptor, string? property)
    {
        // A child set with an instance (SetValidator(new X())) is returned whatever the context.
        // A validator that changes how it validates (Validate or PreValidate overridden, as root validators do) is its own.
        if (adaptor.GetValidator(new ValidationContext<T>(default!), default!) is not AbstractValidator<TChild> validator || validator is ITenancyValidator<TChild> ||
            validator.GetType().GetMethod(nameof(AbstractValidator<TChild>.Validate), AnyInstance, [typeof(ValidationContext<TChild>)])?.DeclaringType != typeof(AbstractValidator<TChild>) ||
            validator.GetType().GetMethod("PreValidate", AnyInstance)?.DeclaringType != typeof(AbstractValidator<TChild>))
        {
            throw new InvalidOperationException($"The child validator of {property} cannot be prechecked.");
        }

        var rules = new List<Func<ValidationContext<TChild>, bool>>();
        foreach (var rule in validator)
        {
            if (rule.RuleSets is { Length: > 0 } || rule.DependentRules?.Any() == true)
            {
                throw new InvalidOperationException($"{rule.PropertyName} of {validator.GetType().Name} is in a rule set or has dependent rules.");
            }

            if (Prechecked.TryGetValue(rule, out var prechecked))
            {
                rules.Add((Func<ValidationContext<TChild>, bool>)prechecked);
                continue;
            }

            if (rule.HasCondition || rule.HasAsyncCondition || IsCollection(rule))
            {
                throw new InvalidOperationException($"{rule.PropertyName} of {validator.GetType().Name} cannot be prechecked.");
            }

            var valueType = rule.GetType().GetInterfaces()
                .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidationRule<,>) && i.GetGenericArguments()[0] == typeof(TChild))
                .GetGenericArguments()[1];
            rules.Add(Build<Func<ValidationContext<TChild>, bool>>(nameof(RulePasses), [typeof(TChild), valueType], rule));
        }

        var all = rules.ToArray();
        return (_, child) =>
        {
            if (child is null)
            {
                return true;
            }

            var context = new ValidationContext<TChild>(child);
            foreach (var passes in all)
            {
                if (!passes(context))
                {
                    return false;
                }
            }

            return true;
        };
    }

    private static Func<ValidationContext<T>, bool> RulePasses<T, TProperty>(IValidationRule<T, TProperty> rule) =>
        ValuePasses(rule, ValueChecks(rule));

    // Calls one of the generic builders above for types known only at run time (a nested record's property types).
    private static TResult Build<TResult>(string builder, Type[] typeArguments, object argument) =>
        (TResult)typeof(RulePrecheck).GetMethod(builder, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeArguments).Invoke(null, [argument])!;

    private static bool IsCollection(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
}
