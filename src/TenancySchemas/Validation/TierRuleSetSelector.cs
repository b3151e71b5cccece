using System.Collections.Frozen;
using FluentValidation;
using FluentValidation.Internal;
using TenancySchemas.Json;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>
/// Runs the common rules plus one tier's rule set. FluentValidation's own <see cref="RulesetValidatorSelector"/>
/// intersects rule-set lists with LINQ for every rule of every validation, which cost more than the rules themselves;
/// this one answers from a frozen set, and one instance per tier is shared by every validation.
/// </summary>
internal sealed class TierRuleSetSelector : IValidatorSelector
{
    private static readonly FrozenDictionary<TenantType, TierRuleSetSelector> ByTier =
        TierProfile.AllTiers.ToFrozenDictionary(tier => tier, tier => new TierRuleSetSelector(tier.ToWire()));

    private readonly FrozenSet<string> _ruleSets;

    private TierRuleSetSelector(string? tierRuleSet)
    {
        RuleSets = tierRuleSet is null ? [RulesetValidatorSelector.DefaultRuleSetName] : [RulesetValidatorSelector.DefaultRuleSetName, tierRuleSet];
        _ruleSets = RuleSets.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the rule-set list of every selector: one instance each, so that audit events can share what they derive from it.</summary>
    public static IEnumerable<IReadOnlyList<string>> AllRuleSetLists => ByTier.Values.Select(selector => selector.RuleSets).Prepend(CommonOnly.RuleSets);

    /// <summary>Gets the rule sets this selector runs, in order: the common rules, then the tier's, if any.</summary>
    public IReadOnlyList<string> RuleSets { get; }

    /// <summary>Gets the selector of the common rules only, for documents whose tier is unknown.</summary>
    public static TierRuleSetSelector CommonOnly { get; } = new(null);

    public static TierRuleSetSelector For(TenantType tier) => ByTier[tier];

    public bool CanExecute(IValidationRule rule, string propertyPath, IValidationContext context)
    {
        var sets = rule.RuleSets;
        if (sets is null || sets.Length == 0)
        {
            return true;
        }

        foreach (var set in sets)
        {
            if (_ruleSets.Contains(set))
            {
                return true;
            }
        }

        return false;
    }
}
