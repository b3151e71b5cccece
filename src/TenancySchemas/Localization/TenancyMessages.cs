using System.Globalization;
using TenancySchemas.Json;
using TenancySchemas.Tiers;

namespace TenancySchemas.Localization;

/// <summary>
/// The library's message of an error code (<see cref="Validation.TenancyErrorCodes"/>), in English, French, German or
/// Spanish: for code outside validation that answers with one of those codes, such as an HTTP edge refusing a request.
/// </summary>
public static class TenancyMessages
{
    /// <summary>Gets the message of an error code with its <c>{Name}</c> placeholders filled.</summary>
    /// <param name="code">The error code, such as <see cref="Validation.TenancyErrorCodes.RateLimitExceeded"/>.</param>
    /// <param name="arguments">
    /// The placeholder values by name; a <see cref="TenantType"/> is written as the tier's name in the message's language.
    /// Placeholders without a value are left as they are.
    /// </param>
    /// <param name="culture">
    /// The language; <see langword="null"/> for the current UI culture. Languages other than en, fr, de and es (and
    /// their regional variants, fr-CA → fr) get the English message.
    /// </param>
    /// <returns>The message, or the code itself when it has none.</returns>
    public static string Format(string code, IEnumerable<KeyValuePair<string, object?>>? arguments = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var previous = CultureInfo.CurrentUICulture;
        if (culture is not null)
        {
            CultureInfo.CurrentUICulture = culture;
        }

        try
        {
            KeyValuePair<string, object?>[] values = arguments is null
                ? []
                : [.. arguments.Select(a => a.Value is TenantType tier ? new KeyValuePair<string, object?>(a.Key, TierName(tier)) : a)];
            return TenancyStringLocalizer.Instance.Format(code, values);
        }
        finally
        {
            if (culture is not null)
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    private static string TierName(TenantType tier) =>
        WireEnum<TenantType>.IsDefined(tier) ? TenancyStringLocalizer.Instance["tier." + tier.ToWire()].Value : tier.ToWireOrNumber();
}
