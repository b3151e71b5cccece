using System.Globalization;

namespace TenancySchemas.Localization;

/// <summary>Chooses the language of messages: the caller's UI culture when supported, else the default locale.</summary>
internal static class MessageCulture
{
    /// <summary>The languages the library ships messages in.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "de", "es"];

    private static readonly CultureInfo[] Cultures = [.. Supported.Select(CultureInfo.GetCultureInfo)];

    public static bool IsSupported(string? locale) =>
        locale is not null && Supported.Contains(locale, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Switches the calling flow's UI culture to the caller's supported language (fr-CA → fr), else the default locale,
    /// for the duration of a validation, and restores it on dispose — unless messages already come out in that language.
    /// Writing the culture copies the execution context, twice per call; a caller in fr-CA gets French and one in the
    /// invariant culture English (the neutral resources and FluentValidation's fallback) without it.
    /// </summary>
    public static Scope Use(string defaultLocale)
    {
        var current = CultureInfo.CurrentUICulture;
        var ancestor = SupportedAncestor(current);
        var wanted = ancestor ?? DefaultCulture(defaultLocale);
        var spoken = ancestor ?? (string.IsNullOrEmpty(current.Name) ? Cultures[0] : null);
        if (ReferenceEquals(wanted, spoken))
        {
            return default;
        }

        CultureInfo.CurrentUICulture = wanted;
        return new Scope(current);
    }

    private static CultureInfo DefaultCulture(string defaultLocale)
    {
        foreach (var culture in Cultures)
        {
            if (string.Equals(culture.Name, defaultLocale, StringComparison.OrdinalIgnoreCase))
            {
                return culture;
            }
        }

        return Cultures[0];
    }

    private static CultureInfo? SupportedAncestor(CultureInfo culture)
    {
        for (; !string.IsNullOrEmpty(culture.Name); culture = culture.Parent)
        {
            foreach (var supported in Cultures)
            {
                if (string.Equals(culture.TwoLetterISOLanguageName, supported.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return supported;
                }
            }
        }

        return null;
    }

    internal readonly struct Scope(CultureInfo? previous) : IDisposable
    {
        public void Dispose()
        {
            if (previous is not null)
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
