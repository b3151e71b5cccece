using System.Reflection;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace TenancySchemas.Validation;

/// <summary>
/// Every check a schema's validator declares, with the record type it is declared on, read through FluentValidation's
/// public members: the rules, their rule sets and conditions, each rule's checks and child validators. The JSON Schema
/// export and the generated reference read the validators through it, so that neither restates a rule.
/// </summary>
internal static class RuleCatalog
{
    /// <summary>The checks of a validator and of the child validators its rules set, each record type once.</summary>
    /// <param name="validatedType">The type the validator validates.</param>
    /// <param name="validator">The validator (its rules are enumerated).</param>
    public static IReadOnlyList<DeclaredCheck> Of(Type validatedType, IEnumerable<IValidationRule> validator)
    {
        var checks = new List<DeclaredCheck>();
        Collect(validatedType, validator, checks, [], parentSets: null, parentConditional: false);
        return checks;
    }

    // A child's checks run only when the rule that sets it runs: they take its rule sets (when named) and its condition.
    private static void Collect(Type type, IEnumerable<IValidationRule> rules, List<DeclaredCheck> checks, HashSet<Type> visited, string[]? parentSets, bool parentConditional)
    {
        if (!visited.Add(type))
        {
            return;
        }

        foreach (var rule in rules)
        {
            var sets = parentSets ?? (rule.RuleSets is { Length: > 0 } named ? named : [RulesetValidatorSelector.DefaultRuleSetName]);
            var items = rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
            var member = rule.Member as PropertyInfo;
            foreach (var component in rule.Components)
            {
                var conditional = parentConditional || rule.HasCondition || rule.HasAsyncCondition || component.HasCondition || component.HasAsyncCondition;
                checks.Add(new DeclaredCheck(type, rule, member, rule.PropertyName, items, sets, conditional, component));
                if (component.Validator is IChildValidatorAdaptor adaptor && ChildOf(component.Validator, adaptor) is { } child)
                {
                    var childSets = sets.Contains(RulesetValidatorSelector.DefaultRuleSetName) ? null : sets;
                    Collect(child.Type, child.Rules, checks, visited, childSets, conditional);
                }
            }
        }
    }

    // A child validator set with an instance (SetValidator(new X()), ChildRules) is returned whatever the context.
    private static (Type Type, IEnumerable<IValidationRule> Rules)? ChildOf(IPropertyValidator adaptor, IChildValidatorAdaptor child)
    {
        var validated = child.ValidatorType.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];
        return ChildValidator(adaptor) is IEnumerable<IValidationRule> rules && validated is not null ? (validated, rules) : null;
    }

    /// <summary>The validator a child validator adaptor holds, when it was set with an instance; otherwise <see langword="null"/>.</summary>
    /// <param name="adaptor">The adaptor (a rule component's validator).</param>
    public static IValidator? ChildValidator(IPropertyValidator adaptor)
    {
        var getValidator = adaptor.GetType().GetMethod("GetValidator", BindingFlags.Public | BindingFlags.Instance);
        var parameters = getValidator?.GetParameters();
        if (getValidator is null || parameters is not { Length: 2 })
        {
            return null;
        }

        // GetValidator needs a context; an instance-set child ignores it, so a context of no document is enough.
        var contextType = parameters[0].ParameterType;
        var context = contextType.GetConstructor([contextType.GetGenericArguments()[0]])?.Invoke([null]);
        return getValidator.Invoke(adaptor, [context, parameters[1].ParameterType.IsValueType ? Activator.CreateInstance(parameters[1].ParameterType) : null]) as IValidator;
    }
}

/// <summary>One check of a rule, as declared.</summary>
/// <param name="DeclaredOn">The record type whose validator declares the rule.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Member">The member the rule reads the value from, or <see langword="null"/> for a rule over the record itself.</param>
/// <param name="PropertyPath">The rule's property path (<c>Quotas.MaxUsers</c>), or <see langword="null"/> for the record itself.</param>
/// <param name="Items">Whether the check applies to each item of the member (<c>RuleForEach</c>).</param>
/// <param name="RuleSets">The rule sets the rule belongs to (<c>default</c>, or a tier's wire name).</param>
/// <param name="Conditional">Whether the check runs only under a condition.</param>
/// <param name="Component">The check.</param>
internal sealed record DeclaredCheck(
    Type DeclaredOn,
    IValidationRule Rule,
    PropertyInfo? Member,
    string? PropertyPath,
    bool Items,
    IReadOnlyList<string> RuleSets,
    bool Conditional,
    IRuleComponent Component)
{
    /// <summary>Gets the codes the check may report: a reporting rule's declared codes, else the check's one code.</summary>
    public IReadOnlyList<string> Codes => Component.Validator is IReportingCheck reporting
        ? reporting.Codes
        : [Component.ErrorCode ?? Component.Validator.Name];
}
