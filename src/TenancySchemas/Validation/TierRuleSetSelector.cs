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
        TierRuleSet = tierRuleSet;
        _ruleSets = (tierRuleSet is null ? [RulesetValidatorSelector.DefaultRuleSetName] : new[] { RulesetValidatorSelector.DefaultRuleSetName, tierRuleSet })
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the selector of the common rules only, for documents whose tier is unknown.</summary>
    public static TierRuleSetSelector CommonOnly { get; } = new(null);

    /// <summary>Gets the tier rule set this selector adds to the common rules, if any.</summary>
    public string? TierRuleSet { get; }

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
