using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using TenancySchemas.Common;

namespace TenancySchemas.Validation;

/// <summary>
/// Answers "would FluentValidation find no failure?" for a whole document by running the selected rules' checks
/// straight on the values, so that a valid document skips FluentValidation's machinery (per rule a display name, a
/// path, a selector call, a message-formatter reset; per list item a pushed state and index strings; per nested record
/// a context). Only a document that passes every check is answered here; any other goes through FluentValidation, so
/// every failure is FluentValidation's own. A precheck that is too strict only costs time.
/// </summary>
/// <remarks>
/// Built from public members only: the rules a validator enumerates, their <see cref="IValidationRule.Expression"/>,
/// components, dependent rules and condition flags, FluentValidation's public check types (<c>IsValid</c>), child
/// validator adaptors (<see cref="ChildValidatorAdaptor{T, TProperty}.GetValidator"/>), and what our own rule helpers
/// recorded when a rule was declared (<see cref="RuleChecks"/>). A selection with anything else — an unrecorded
/// condition, an asynchronous check, a dependent rule, a collection filter, a check of unknown effects, a child
/// validator that is not ours — gets no precheck: FluentValidation validates every such document.
/// </remarks>
internal static class DocumentPrecheck
{
    // FluentValidation's checks that only read the value (and, for comparisons with another member, the document).
    private static readonly HashSet<Type> PureChecks =
    [
        typeof(NotEmptyValidator<,>), typeof(EmptyValidator<,>), typeof(NotNullValidator<,>), typeof(NullValidator<,>),
        typeof(EqualValidator<,>), typeof(NotEqualValidator<,>),
        typeof(InclusiveBetweenValidator<,>), typeof(ExclusiveBetweenValidator<,>),
        typeof(GreaterThanValidator<,>), typeof(GreaterThanOrEqualValidator<,>), typeof(LessThanValidator<,>), typeof(LessThanOrEqualValidator<,>),
        typeof(LengthValidator<>), typeof(MinimumLengthValidator<>), typeof(MaximumLengthValidator<>), typeof(ExactLengthValidator<>),
        typeof(RegularExpressionValidator<>), typeof(AspNetCoreCompatibleEmailValidator<>),
        typeof(EnumValidator<,>), typeof(StringEnumValidator<>),
    ];

    /// <summary>
    /// Builds the precheck of the rules of <paramref name="validator"/> that <paramref name="selector"/> runs, or
    /// <see langword="null"/> when one of them cannot be run ahead. The selector must not depend on the context.
    /// </summary>
    public static Func<ValidationContext<T>, bool>? Build<T>(IValidator<T> validator, IValidatorSelector selector)
    {
        if (validator is not IEnumerable<IValidationRule> rules)
        {
            return null;
        }

        var probe = new ValidationContext<T>(default!, new PropertyChain(), selector);
        var checks = new List<(int Cost, Func<ValidationContext<T>, bool> Passes)>();
        foreach (var rule in rules)
        {
            if (!selector.CanExecute(rule, rule.PropertyName ?? string.Empty, probe))
            {
                continue;
            }

            if (RuleCheck<T>(rule, selector) is not { } check)
            {
                return null;
            }

            checks.Add((CostOf(rule), check));
        }

        // The document's own members first, nested records next, list items last: an invalid document pays for the
        // precheck before FluentValidation's pass, so the cheapest likely failures come first. Rules are independent
        // of one another, so the order changes no answer.
        var all = checks.OrderBy(check => check.Cost).Select(check => check.Passes).ToArray();
        return context =>
        {
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

    private static Func<ValidationContext<T>, bool>? RuleCheck<T>(IValidationRule rule, IValidatorSelector selector)
    {
        // A rule-level condition comes from a When block, which our validators do not use: it is not run ahead.
        if (rule.DependentRules?.Any() == true || rule.HasCondition || rule.HasAsyncCondition)
        {
            return null;
        }

        if (GenericArguments(rule, typeof(ICollectionRule<,>)) is [_, var element])
        {
            return Invoke<Func<ValidationContext<T>, bool>?>(nameof(EachItemPasses), [typeof(T), element], rule, selector);
        }

        return GenericArguments(rule, typeof(IValidationRule<,>)) is [_, var property]
            ? Invoke<Func<ValidationContext<T>, bool>?>(nameof(RulePasses), [typeof(T), property], rule, selector)
            : null;
    }

    private static Type[]? GenericArguments(object rule, Type definition) =>
        rule.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();

    // Every item of the list passes every check whose condition holds.
    private static Func<ValidationContext<T>, bool>? EachItemPasses<T, TElement>(ICollectionRule<T, TElement> rule, IValidatorSelector selector)
    {
        if ((rule.Filter is not null && !FailureGate.IsGate(rule.Filter)) || rule.AsyncFilter is not null || rule.Expression?.Compile() is not Func<T, IEnumerable<TElement>> items ||
            ValueChecks(rule, selector) is not { } checks)
        {
            return null;
        }

        var passes = AllPass(checks);
        return context =>
        {
            switch (items(context.InstanceToValidate))
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
                case { } sequence:
                    foreach (var item in sequence)
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
    }

    // The rule's property passes every check whose condition holds. As FluentValidation does, the value is read only
    // when a check is to run (a condition may guard a nested member's parent: Sla.UptimePercentage when Sla is set).
    private static Func<ValidationContext<T>, bool>? RulePasses<T, TProperty>(IValidationRule<T, TProperty> rule, IValidatorSelector selector)
    {
        if (rule.Expression is not Expression<Func<T, TProperty>> expression || ValueChecks(rule, selector) is not { } checks)
        {
            return null;
        }

        var property = expression.Compile();
        if (checks.All(check => check.Condition is null))
        {
            var passes = AllPass(checks);
            return context => passes(context, property(context.InstanceToValidate));
        }

        return context =>
        {
            var value = default(TProperty)!;
            var read = false;
            foreach (var check in checks)
            {
                if (check.Condition is { } condition && !condition(context.InstanceToValidate))
                {
                    continue;
                }

                if (!read)
                {
                    value = property(context.InstanceToValidate);
                    read = true;
                }

                if (!check.Passes(context, value))
                {
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>One check of a rule, with the condition recorded for it (a class: one compiled copy for all value types).</summary>
    private sealed class ValueCheck<T, TValue>(Func<T, bool>? condition, Func<ValidationContext<T>, TValue, bool> passes)
    {
        public Func<T, bool>? Condition { get; } = condition;

        public Func<ValidationContext<T>, TValue, bool> Passes { get; } = passes;
    }

    private static Func<ValidationContext<T>, TValue, bool> AllPass<T, TValue>(ValueCheck<T, TValue>[] checks)
    {
        if (checks.Length == 1 && checks[0].Condition is null)
        {
            return checks[0].Passes;
        }

        return (context, value) =>
        {
            foreach (var check in checks)
            {
                if ((check.Condition is null || check.Condition(context.InstanceToValidate)) && !check.Passes(context, value))
                {
                    return false;
                }
            }

            return true;
        };
    }

    // The rule's checks of one value, in order; a child validator's rules count as one check.
    private static ValueCheck<T, TValue>[]? ValueChecks<T, TValue>(IValidationRule<T, TValue> rule, IValidatorSelector selector)
    {
        var checks = new List<ValueCheck<T, TValue>>();
        foreach (var component in rule.Components)
        {
            Func<T, bool>? condition = null;
            if (component.HasAsyncCondition || (component.HasCondition && (condition = RuleChecks.ConditionOf<T>(component)) is null))
            {
                return null;
            }

            var validator = component.Validator;
            var passes = validator switch
            {
                IDocumentCheck<T, TValue> own => own.Passes,
                ChildValidatorAdaptor<T, TValue> adaptor => ChildPasses(adaptor, selector),
                NotEmptyValidator<T, TValue> notEmpty => NotEmptyWithoutEnumerator(notEmpty),
                IPropertyValidator<T, TValue> check when IsPure(check) => check.IsValid,

                // A check of an int on an int? is skipped for null, as FluentValidation does.
                _ when IsPure(validator) && Nullable.GetUnderlyingType(typeof(TValue)) is { } inner =>
                    (Func<ValidationContext<T>, TValue, bool>)typeof(NullableBuilder<,>).MakeGenericType(typeof(T), inner)
                        .GetMethod(nameof(NullableBuilder<T, int>.UnlessNull))!.Invoke(null, [validator])!,
                _ => null,
            };

            if (passes is null)
            {
                return null;
            }

            checks.Add(new ValueCheck<T, TValue>(condition, passes));
        }

        return [.. checks];
    }

    private static bool IsPure(IPropertyValidator validator) =>
        validator.GetType() is { IsGenericType: true } type && PureChecks.Contains(type.GetGenericTypeDefinition());

    private static Func<ValidationContext<T>, TValue?, bool> UnlessNull<T, TValue>(IPropertyValidator<T, TValue> check)
        where TValue : struct =>
        (context, value) => value is null || check.IsValid(context, value.Value);

    // FluentValidation's NotEmpty asks a non-empty string or list for an enumerator (an allocation per check); the same
    // answer without one for the values the records hold. Anything else is FluentValidation's to answer.
    private static Func<ValidationContext<T>, TValue, bool> NotEmptyWithoutEnumerator<T, TValue>(NotEmptyValidator<T, TValue> check) =>
        (context, value) => value switch
        {
            null => false,
            string text => !string.IsNullOrWhiteSpace(text),
            IValueCollection collection => collection.Count != 0,
            _ => check.IsValid(context, value),
        };

    // A child validator passes a value when each of its selected rules does (FluentValidation skips a null child). Only
    // the library's own validators are run ahead: it knows they do not change how they validate.
    private static Func<ValidationContext<T>, TChild, bool>? ChildPasses<T, TChild>(ChildValidatorAdaptor<T, TChild> adaptor, IValidatorSelector selector)
    {
        if (adaptor.RuleSets is { Length: > 0 } ||
            adaptor.GetValidator(new ValidationContext<T>(default!), default!) is not AbstractValidator<TChild> validator ||
            validator.GetType().Assembly != typeof(DocumentPrecheck).Assembly ||
            Build(validator, selector) is not { } child)
        {
            return null;
        }

        return (context, value) => value is null || child(context.CloneForChildValidator(value));
    }

    // Calls one of the generic builders above for types known only at run time (a rule's property type).
    private static TResult Invoke<TResult>(string builder, Type[] typeArguments, params object[] arguments) =>
        (TResult)typeof(Builders<,>).MakeGenericType(typeArguments).GetMethod(builder)!.Invoke(null, arguments)!;

    /// <summary>The builders for a rule over <typeparamref name="T"/> whose checks take a <typeparamref name="TValue"/>.</summary>
    private static class Builders<T, TValue>
    {
        public static Func<ValidationContext<T>, bool>? EachItemPasses(IValidationRule rule, IValidatorSelector selector) =>
            DocumentPrecheck.EachItemPasses((ICollectionRule<T, TValue>)rule, selector);

        public static Func<ValidationContext<T>, bool>? RulePasses(IValidationRule rule, IValidatorSelector selector) =>
            DocumentPrecheck.RulePasses((IValidationRule<T, TValue>)rule, selector);

    }

    /// <summary>The builder of a check of a <typeparamref name="TValue"/> on a nullable member.</summary>
    private static class NullableBuilder<T, TValue>
        where TValue : struct
    {
        public static Func<ValidationContext<T>, TValue?, bool> UnlessNull(IPropertyValidator validator) =>
            DocumentPrecheck.UnlessNull((IPropertyValidator<T, TValue>)validator);
    }

    private static int CostOf(IValidationRule rule) =>
        GenericArguments(rule, typeof(ICollectionRule<,>)) is not null ? 2
        : rule.Components.Any(component => component.Validator is IChildValidatorAdaptor) ? 1
        : 0;
}
