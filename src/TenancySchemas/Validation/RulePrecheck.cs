using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using FluentValidation.Validators;
using TenancySchemas.Common;

namespace TenancySchemas.Validation;

/// <summary>
/// Lets FluentValidation skip rules whose checks a precheck finds passing: a rule over list items or a nested record
/// (<see cref="PrecheckItems"/>, <see cref="PrecheckChild"/>), or every rule of a document (<see cref="ForDocument"/>).
/// </summary>
/// <remarks>
/// FluentValidation runs a collection rule item by item, and for every item, valid or not, it pushes a child state,
/// builds the item's path and index strings and resets the message arguments of every check; a child validator gets a
/// context of its own and builds a path string for each of its rules; and every rule of a document, selected or not,
/// resolves a display name and a path before it looks at its value. That machinery costs several times what the
/// checks themselves cost (a nested record of five range checks: ~1.2 µs and 1 KB alone, ~3 µs inside an alert).
/// A precheck runs the rules' own check validators straight on the values; only when one of them fails does
/// FluentValidation run (the rule, or the whole document) as usual, so every failure (path, index, code, message,
/// attempted value) is still FluentValidation's own.
/// <para>
/// A rule precheck is a rule condition, run inside FluentValidation's pass: it accepts only checks that may run twice
/// (no custom rules, no conditions, no asynchronous checks) and refuses others when the validator is built. A document
/// precheck runs before FluentValidation, on the context FluentValidation then gets: it also evaluates the conditions
/// of checks (<c>When</c> on a chain: FluentValidation's own delegates, in its order, reading a value only when a check
/// of it is to run) and runs custom rules and predicates that read the context, counting as failed any that adds a
/// failure — which it takes back before FluentValidation runs. A selection with a rule it cannot run that way (an
/// asynchronous check or condition, a <c>When</c> block, a conditional check of list items, a dependent rule, a
/// collection filter, a check of unknown effects, a nested root validator) gets no document precheck.
/// </para>
/// </remarks>
internal static class RulePrecheck
{
    // Checks that only look at the value (and, for comparisons with another member, the document): running them twice
    // changes nothing. (Predicates are checked one by one.)
    private static readonly HashSet<Type> SideEffectFree =
    [
        typeof(NotEmptyValidator<,>),
        typeof(EmptyValidator<,>),
        typeof(NotNullValidator<,>),
        typeof(NullValidator<,>),
        typeof(EqualValidator<,>),
        typeof(NotEqualValidator<,>),
        typeof(InclusiveBetweenValidator<,>),
        typeof(ExclusiveBetweenValidator<,>),
        typeof(GreaterThanValidator<,>),
        typeof(GreaterThanOrEqualValidator<,>),
        typeof(LessThanValidator<,>),
        typeof(LessThanOrEqualValidator<,>),
        typeof(LengthValidator<>),
        typeof(MinimumLengthValidator<>),
        typeof(MaximumLengthValidator<>),
        typeof(RegularExpressionValidator<>),
        typeof(AspNetCoreCompatibleEmailValidator<>),
        typeof(FormatValidator<,>),
    ];

    private const BindingFlags AnyInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    // The prechecked rules, with the precheck of their document: true when every check passes.
    private static readonly ConditionalWeakTable<IValidationRule, object> Prechecked = [];

    /// <summary>Where a precheck runs: inside FluentValidation's pass as a rule condition, or ahead of it for a whole document.</summary>
    private enum Scope
    {
        Rule,
        Document,
    }

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

    /// <summary>
    /// Builds the precheck of every rule of <paramref name="rules"/> that <paramref name="selector"/> runs: true when
    /// FluentValidation would find no failure. A false answer leaves the context's failures as they were. Null when a
    /// selected rule cannot be prechecked; the selector must not depend on the context or the property path.
    /// </summary>
    public static Func<ValidationContext<T>, bool>? ForDocument<T>(IEnumerable<IValidationRule> rules, IValidatorSelector selector)
    {
        var probe = new ValidationContext<T>(default!);
        var checks = new List<(int Cost, Func<ValidationContext<T>, bool> Passes)>();
        foreach (var rule in rules)
        {
            if (!selector.CanExecute(rule, rule.PropertyName ?? string.Empty, probe))
            {
                continue;
            }

            if (RuleCheck<T>(rule, Scope.Document, validatorName: null) is not { } check)
            {
                return null;
            }

            checks.Add((CostClass(rule), check));
        }

        // Rules on the document's own members first, nested records next, list items last: an invalid document pays the
        // precheck before FluentValidation's pass, so the checks most likely to fail cheaply come first (an alert whose
        // 10,000 recipients are over its tier's limit fails on the count before 10,000 addresses are parsed). Rules are
        // independent of one another, so their order changes no answer.
        var all = checks.OrderBy(check => check.Cost).Select(check => check.Passes).ToArray();
        return context =>
        {
            var before = FailureList<T>.CountOf(context);
            foreach (var passes in all)
            {
                if (!passes(context))
                {
                    FailureList<T>.TruncateTo(context, before);
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>
    /// FluentValidation's result for a context whose document passed its precheck: no failures, the default rule set
    /// named as run (selectors that do not record rule sets, like the tier selectors and FluentValidation's default
    /// one, get that), and the context's own failure list, as FluentValidation's result holds.
    /// </summary>
    public static ValidationResult Valid<T>(ValidationContext<T> context)
    {
        var result = FailureList<T>.IsAvailable && ResultOverList.IsAvailable ? ResultOverList.Create(FailureList<T>.Of(context)) : new ValidationResult();
        result.RuleSetsExecuted = DefaultRuleSetNameInArray;
        return result;
    }

    private static readonly string[] DefaultRuleSetNameInArray = [RulesetValidatorSelector.DefaultRuleSetName];

    private static void ApplyToItems<T, TElement>(IValidationRule<T, TElement> rule)
    {
        if (rule is not ICollectionRule<T, TElement>)
        {
            throw new InvalidOperationException($"PrecheckItems applies to RuleForEach rules ({rule.PropertyName}).");
        }

        Apply(rule, ItemsPass(rule, AllPass(ValueChecks(rule, Scope.Rule)!)));
    }

    private static void ApplyToValue<T, TProperty>(IValidationRule<T, TProperty> rule)
    {
        if (rule is ICollectionRule<T, TProperty>)
        {
            throw new InvalidOperationException($"PrecheckChild applies to RuleFor rules ({rule.PropertyName}).");
        }

        Apply(rule, RulePasses(rule, Scope.Rule)!);
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

    // A rule precheck refuses by throwing (the validator is wrong); a document precheck by giving up (null).
    private static TResult? Refuse<TResult>(Scope scope, string reason)
        where TResult : class =>
        scope == Scope.Rule ? throw new InvalidOperationException(reason) : null;

    // The precheck of one rule of a validator: its own if it has one, else built from its checks.
    private static Func<ValidationContext<T>, bool>? RuleCheck<T>(IValidationRule rule, Scope scope, string? validatorName)
    {
        if (rule.DependentRules?.Any() == true)
        {
            return Refuse<Func<ValidationContext<T>, bool>>(scope, $"{rule.PropertyName} of {validatorName} has dependent rules.");
        }

        if (Prechecked.TryGetValue(rule, out var prechecked))
        {
            return (Func<ValidationContext<T>, bool>)prechecked;
        }

        // A rule-level condition comes from a When block (When on a chain conditions its checks); none is run ahead.
        if (rule.HasCondition || rule.HasAsyncCondition || (scope == Scope.Rule && IsCollection(rule)))
        {
            return Refuse<Func<ValidationContext<T>, bool>>(scope, $"{rule.PropertyName} of {validatorName} cannot be prechecked.");
        }

        // A collection rule's checks are of its items' type.
        var valueType = rule.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidationRule<,>) && i.GetGenericArguments()[0] == typeof(T))
            .GetGenericArguments()[1];
        return Build<Func<ValidationContext<T>, bool>?>(IsCollection(rule) ? nameof(EachItemPasses) : nameof(RulePasses), [typeof(T), valueType], rule, scope);
    }

    // Every item of a list passes every check. A conditional check of the items is left to FluentValidation.
    private static Func<ValidationContext<T>, bool>? EachItemPasses<T, TElement>(IValidationRule<T, TElement> rule, Scope scope) =>
        rule is ICollectionRule<T, TElement> { Filter: null, AsyncFilter: null } && ValueChecks(rule, scope) is { } checks && checks.All(check => check.Condition is null)
            ? ItemsPass(rule, AllPass(checks))
            : Refuse<Func<ValidationContext<T>, bool>>(scope, $"{rule.PropertyName} cannot be prechecked.");

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

    /// <summary>One check of a rule, with the condition FluentValidation asks before it (none in a rule precheck).</summary>
    /// <remarks>
    /// A class, not a struct: lists, arrays and LINQ over it then share one compiled copy for every property type, where
    /// a struct over an enumeration or a number compiled its own per type when the validators were built.
    /// </remarks>
    private sealed class ValueCheck<T, TValue>(Func<ValidationContext<T>, bool>? condition, Func<ValidationContext<T>, TValue, bool> passes)
    {
        public Func<ValidationContext<T>, bool>? Condition { get; } = condition;

        public Func<ValidationContext<T>, TValue, bool> Passes { get; } = passes;
    }

    // The rule's property passes every check whose condition holds. As FluentValidation does, the value is read only
    // when a check is to run (a condition may guard a nested member's parent).
    private static Func<ValidationContext<T>, bool>? RulePasses<T, TProperty>(IValidationRule<T, TProperty> rule, Scope scope)
    {
        if (rule.Expression is not Expression<Func<T, TProperty>> expression)
        {
            return Refuse<Func<ValidationContext<T>, bool>>(scope, $"A prechecked rule must read its property directly ({rule.PropertyName}).");
        }

        if (ValueChecks(rule, scope) is not { } checks)
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
                if (check.Condition is not null && !check.Condition(context))
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

    private static Func<ValidationContext<T>, TValue, bool> AllPass<T, TValue>(ValueCheck<T, TValue>[] checks)
    {
        var all = checks.Select(check => check.Passes).ToArray();
        return (context, value) =>
        {
            foreach (var passes in all)
            {
                if (!passes(context, value))
                {
                    return false;
                }
            }

            return true;
        };
    }

    // The rule's checks of one value, in order; a child validator's checks count as one.
    private static ValueCheck<T, TValue>[]? ValueChecks<T, TValue>(IValidationRule<T, TValue> rule, Scope scope)
    {
        var checks = new List<ValueCheck<T, TValue>>();
        foreach (var component in rule.Components)
        {
            if (component.HasAsyncCondition || (component.HasCondition && scope == Scope.Rule))
            {
                return Refuse<ValueCheck<T, TValue>[]>(scope, $"A prechecked rule may not have conditional checks ({rule.PropertyName}).");
            }

            var condition = component.HasCondition ? ConditionOf<T>(component) : null;
            var validator = component.Validator;
            var passes = validator switch
            {
                ChildValidatorAdaptor<T, TValue> adaptor => ChildPasses(adaptor, rule.PropertyName, scope),
                PredicateValidator<T, TValue> predicate when IsPlainPredicate(predicate) => predicate.IsValid,

                // Custom rules and predicates that read the context: they may add failures, which count as failing.
                PredicateValidator<T, TValue> predicate when scope == Scope.Document => WithoutNewFailures(predicate),
                NotEmptyValidator<T, TValue> notEmpty when !typeof(TValue).IsValueType => NotEmptyWithoutEnumerator(notEmpty),
                IPropertyValidator<T, TValue> check when IsSideEffectFree(check) => check.IsValid,

                // A check of an int on an int? is skipped for null, as FluentValidation does.
                _ when IsSideEffectFree(validator) && Nullable.GetUnderlyingType(typeof(TValue)) is { } inner =>
                    Build<Func<ValidationContext<T>, TValue, bool>>(nameof(UnlessNull), [typeof(T), inner], validator),
                _ => Refuse<Func<ValidationContext<T>, TValue, bool>>(scope, $"{validator.Name} of {rule.PropertyName} cannot run ahead of its rule."),
            };

            if (passes is null || (component.HasCondition && condition is null))
            {
                return Refuse<ValueCheck<T, TValue>[]>(scope, $"{validator.Name} of {rule.PropertyName} cannot run ahead of its rule.");
            }

            checks.Add(new ValueCheck<T, TValue>(condition, passes));
        }

        return [.. checks];
    }

    // Must(x => …) and Must((document, x) => …) keep the predicate in a closure of FluentValidation's; Custom(…) is a
    // Must too, whose closure holds an action that adds failures to the context: it may not run ahead of its rule.
    // Should FluentValidation change how it keeps predicates, every prechecked rule is refused when built.
    private static bool IsPlainPredicate<T, TValue>(PredicateValidator<T, TValue> validator) =>
        typeof(PredicateValidator<T, TValue>).GetField("_predicate", AnyInstance)?.GetValue(validator) is Delegate { Target: { } closure } &&
        closure.GetType().Assembly == typeof(PredicateValidator<T, TValue>).Assembly &&
        closure.GetType().GetFields(AnyInstance) is [{ } only] &&
        only.FieldType == typeof(Func<T, TValue, bool>);

    // FluentValidation's NotEmpty asks a string or a list for an enumerator to see whether it has an item: an allocation
    // per check of every non-empty string and list. The same answer without one, for the values the records hold
    // (null, a blank string and an empty collection are empty; any other reference is not); anything else is
    // FluentValidation's to answer.
    private static Func<ValidationContext<T>, TValue, bool> NotEmptyWithoutEnumerator<T, TValue>(NotEmptyValidator<T, TValue> check) =>
        (context, value) => value switch
        {
            null => false,
            string text => !string.IsNullOrWhiteSpace(text),
            Common.IValueCollection collection => collection.Count != 0,
            _ => check.IsValid(context, value),
        };

    private static bool IsSideEffectFree(IPropertyValidator validator) =>
        validator.GetType() is { IsGenericType: true } type && SideEffectFree.Contains(type.GetGenericTypeDefinition());

    private static Func<ValidationContext<T>, TValue?, bool> UnlessNull<T, TValue>(IPropertyValidator<T, TValue> check)
        where TValue : struct =>
        (context, value) => value is null || check.IsValid(context, value.Value);

    // Passes when the check does and adds no failure to the context (a custom rule reports its failures that way).
    private static Func<ValidationContext<T>, TValue, bool>? WithoutNewFailures<T, TValue>(PredicateValidator<T, TValue> check)
    {
        if (!FailureList<T>.IsAvailable)
        {
            return null;
        }

        return (context, value) =>
        {
            var before = FailureList<T>.CountOf(context);
            return check.IsValid(context, value) && FailureList<T>.CountOf(context) == before;
        };
    }

    // The condition FluentValidation keeps for a check (When, Unless), read once when the precheck is built; null if it
    // cannot be found, and then the precheck is refused.
    private static Func<ValidationContext<T>, bool>? ConditionOf<T>(object owner)
    {
        for (var type = owner.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField("_condition", AnyInstance | BindingFlags.DeclaredOnly) is { } field)
            {
                return field.GetValue(owner) as Func<ValidationContext<T>, bool>;
            }
        }

        return null;
    }

    // A child validator passes a value when each of its rules does (FluentValidation skips a null child).
    private static Func<ValidationContext<T>, TChild, bool>? ChildPasses<T, TChild>(ChildValidatorAdaptor<T, TChild> adaptor, string? property, Scope scope)
    {
        // A child set with an instance (SetValidator(new X())) is returned whatever the context.
        // A validator that changes how it validates (Validate or PreValidate overridden, as root validators do) is its own.
        if (adaptor.GetValidator(new ValidationContext<T>(default!), default!) is not AbstractValidator<TChild> validator || validator is ITenancyValidator<TChild> ||
            validator.GetType().GetMethod(nameof(AbstractValidator<TChild>.Validate), AnyInstance, [typeof(ValidationContext<TChild>)])?.DeclaringType != typeof(AbstractValidator<TChild>) ||
            validator.GetType().GetMethod("PreValidate", AnyInstance)?.DeclaringType != typeof(AbstractValidator<TChild>))
        {
            return Refuse<Func<ValidationContext<T>, TChild, bool>>(scope, $"The child validator of {property} cannot be prechecked.");
        }

        var rules = new List<Func<ValidationContext<TChild>, bool>>();
        foreach (var rule in validator)
        {
            if (rule.RuleSets is { Length: > 0 })
            {
                return Refuse<Func<ValidationContext<T>, TChild, bool>>(scope, $"{rule.PropertyName} of {validator.GetType().Name} is in a rule set.");
            }

            if (RuleCheck<TChild>(rule, scope, validator.GetType().Name) is not { } check)
            {
                return null;
            }

            rules.Add(check);
        }

        var all = rules.ToArray();
        return (context, child) =>
        {
            if (child is null)
            {
                return true;
            }

            // The child's rules see the document's context data and report any failure (only a document precheck
            // runs checks that may report one) to the document's list, as they do when FluentValidation runs them.
            var childContext = context.CloneForChildValidator(child);
            foreach (var passes in all)
            {
                if (!passes(childContext))
                {
                    return false;
                }
            }

            return true;
        };
    }

    // Calls one of the generic builders above for types known only at run time (a nested record's property types).
    private static TResult Build<TResult>(string builder, Type[] typeArguments, params object[] arguments) =>
        (TResult)typeof(RulePrecheck).GetMethod(builder, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeArguments).Invoke(null, arguments)!;

    private static int CostClass(IValidationRule rule) =>
        IsCollection(rule) ? 2 : rule.Components.Any(component => component.Validator is IChildValidatorAdaptor) ? 1 : 0;

    private static bool IsCollection(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>FluentValidation's own way to build a result over a context's failure list (internal, as the list is).</summary>
    private static class ResultOverList
    {
        public static bool IsAvailable { get; } = Probe();

        [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
        public static extern ValidationResult Create(List<ValidationFailure> errors);

        private static bool Probe()
        {
            try
            {
                return Create([]) is not null;
            }
            catch (MissingMethodException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The failures a context holds. FluentValidation keeps the list internal; a document precheck needs its count to
    /// tell whether a custom rule reported anything, and to take back what it reported. If FluentValidation no longer
    /// has the member, custom rules are not prechecked (documents with one get no document precheck).
    /// </summary>
    private static class FailureList<T>
    {
        public static bool IsAvailable { get; } = Probe();

        public static int CountOf(ValidationContext<T> context) => IsAvailable ? Failures(context).Count : 0;

        public static List<ValidationFailure> Of(ValidationContext<T> context) => Failures(context);

        public static void TruncateTo(ValidationContext<T> context, int count)
        {
            if (IsAvailable && Failures(context).Count > count)
            {
                Failures(context).RemoveRange(count, Failures(context).Count - count);
            }
        }

        [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Failures")]
        private static extern List<ValidationFailure> Failures(ValidationContext<T> context);

        private static bool Probe()
        {
            try
            {
                return Failures(new ValidationContext<T>(default!)) is not null;
            }
            catch (MissingMethodException)
            {
                return false;
            }
        }
    }
}
