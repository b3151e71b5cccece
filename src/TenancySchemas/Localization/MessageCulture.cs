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

    /// <summary>Returns the supported neutral culture for <paramref name="requested"/> (fr-CA → fr), else <paramref name="defaultLocale"/>.</summary>
    public static CultureInfo Resolve(CultureInfo requested, string defaultLocale)
    {
        for (var culture = requested; !string.IsNullOrEmpty(culture.Name); culture = culture.Parent)
        {
            foreach (var supported in Cultures)
            {
                if (string.Equals(culture.TwoLetterISOLanguageName, supported.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return supported;
                }
            }
        }

        return Cultures.FirstOrDefault(c => string.Equals(c.Name, defaultLocale, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
    }

    /// <summary>Switches the calling flow's UI culture for the duration of a validation and restores it on dispose.</summary>
    public static Scope Use(string defaultLocale)
    {
        var current = CultureInfo.CurrentUICulture;
        var resolved = Resolve(current, defaultLocale);
        if (ReferenceEquals(resolved, current))
        {
            return default;
        }

        CultureInfo.CurrentUICulture = resolved;
        return new Scope(current);
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
