using System.ComponentModel.DataAnnotations;

namespace TenancySchemas.Tiers;

/// <summary>The lists of wire names a tier's name sets are drawn from.</summary>
internal enum TierNameList
{
    Features,
    Compliance,
    AlertChannels,
    NotificationChannels,
}

/// <summary>Accepts a set of wire names only when every name is in one of the tier table's lists, and names the others.</summary>
/// <param name="list">The list the names are drawn from.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class KnownNamesAttribute(TierNameList list) : ValidationAttribute
{
    // A configured list is the operator's, but a message still names only so many.
    private const int MaxNamed = 10;

    public TierNameList List { get; } = list;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var known = List switch
        {
            TierNameList.Features => TierProfile.AllFeatures,
            TierNameList.Compliance => TierProfile.AllCompliance,
            TierNameList.AlertChannels => TierProfile.AllAlertChannels,
            _ => TierProfile.AllNotificationChannels,
        };
        var unknown = (value as IEnumerable<string> ?? []).Where(name => !known.Contains(name, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return ValidationResult.Success;
        }

        var named = string.Join(", ", unknown.Take(MaxNamed).Select(name => $"'{name}'"));
        var more = unknown.Count > MaxNamed ? $" and {unknown.Count - MaxNamed} more" : string.Empty;
        return new ValidationResult($"{LimitAttribute.SettingPath(validationContext)} {named}{more} {(unknown.Count == 1 ? "is" : "are")} not known; accepted: {string.Join(", ", known)}");
    }
}
