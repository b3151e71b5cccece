using System.Globalization;
using System.Resources;
using System.Text;
using Microsoft.Extensions.Localization;

namespace TenancySchemas.Localization;

/// <summary>
/// The library's messages (Messages.resx in en, fr, de and es) behind <see cref="IStringLocalizer"/>.
/// Stateless: every lookup reads the culture of the calling thread, so messages come out in the
/// caller's language without any shared setting.
/// </summary>
internal sealed class TenancyStringLocalizer : IStringLocalizer
{
    public static readonly TenancyStringLocalizer Instance = new();

    private static readonly ResourceManager Resources =
        new("TenancySchemas.Localization.Messages", typeof(TenancyStringLocalizer).Assembly);

    public LocalizedString this[string name]
    {
        get
        {
            var value = Resources.GetString(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var culture = CultureInfo.CurrentUICulture;
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: includeParentCultures);
        if (set is null)
        {
            yield break;
        }

        foreach (System.Collections.DictionaryEntry entry in set)
        {
            yield return new LocalizedString((string)entry.Key, (string?)entry.Value ?? string.Empty);
        }
    }

    /// <summary>Looks a message template up and fills its named placeholders (<c>{Tier}</c>, <c>{Limit}</c>, …).</summary>
    public string Format(string name, IReadOnlyList<KeyValuePair<string, object?>> arguments) =>
        FillPlaceholders(this[name].Value, arguments);

    public static string FillPlaceholders(string template, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        if (arguments.Count == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var builder = new StringBuilder(template.Length + 32);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                builder.Append(template, position, template.Length - position);
                break;
            }

            builder.Append(template, position, open - position);
            var placeholder = template.AsSpan(open + 1, close - open - 1);

            // {Count|one|other}: the form of the words that go with a number, chosen by the language's plural rule.
            var choice = placeholder.IndexOf('|');
            var name = choice < 0 ? placeholder : placeholder[..choice];
            var replaced = false;
            foreach (var (key, value) in arguments)
            {
                if (name.SequenceEqual(key))
                {
                    builder.Append(choice < 0 ? FormatValue(value) : PluralForm(placeholder[(choice + 1)..], value));
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                builder.Append(template, open, close - open + 1);
            }

            position = close + 1;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The "one" or the "other" form of <c>one|other</c> for a count: in English, German and Spanish only 1 takes the
    /// "one" form; in French 0 and 1 do (CLDR's rules for whole numbers).
    /// </summary>
    private static string PluralForm(ReadOnlySpan<char> forms, object? value)
    {
        var bar = forms.IndexOf('|');
        var one = bar < 0 ? forms : forms[..bar];
        var other = bar < 0 ? forms : forms[(bar + 1)..];
        if (value is not (int or long or double))
        {
            return other.ToString();
        }

        var count = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var isOne = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
        return isOne ? one.ToString() : other.ToString();
    }

    // Numbers follow the language of the message (99,9 % in French), not the thread's formatting culture.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1305", Justification = "The message culture is the UI culture by design.")]
    private static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentUICulture),
        _ => value.ToString() ?? string.Empty,
    };
}
