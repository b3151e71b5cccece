using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using TenancySchemas.Alerts;
using TenancySchemas.Localization;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Localization;

/// <summary>
/// Every message reads as a sentence in all four languages: it starts with a capital (or an identifier), the words that
/// go with a number agree with it (the language's plural rule: 1 in English, German and Spanish; 0 and 1 in French),
/// and read errors carry no English text of the JSON reader's.
/// </summary>
public sealed partial class MessageFormTests
{
    private static readonly ResourceManager Messages = new("TenancySchemas.Localization.Messages", typeof(TenancySchemaOptions).Assembly);
    private static readonly string[] Languages = ["en", "fr", "de", "es"];

    // Words after a number that do not change with it: an adjective before the counted noun, a noun with one form for
    // both, a verb particle, a conjunction.
    private static readonly HashSet<string> Invariant = ["more", "alert", "escalation", "Empfänger", "auf", "que", "promis"];

    // Placeholders that hold a count or an amount; a word after one of them must agree with it.
    private static readonly string[] Numbers = ["Count", "Limit", "Dropped", "Days", "Hours", "Minimum", "MaxCount", "Size", "Value", "Attempts", "MaxAttempts", "Line", "Column", "Timeout", "Interval", "Index"];

    public static TheoryData<string, string> AllMessages()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Languages)
        {
            foreach (DictionaryEntry entry in Messages.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: true)!)
            {
                data.Add(language, (string)entry.Key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void A_word_after_a_number_agrees_with_it_for_0_1_and_2(string language, string key)
    {
        var template = Messages.GetString(key, CultureInfo.GetCultureInfo(language))!;

        // A counted word right after a number must be a choice of that number's forms, or be followed by one within a few
        // words ("{Limit} alert {Limit|condition|conditions}"); units (ms, h, %) and words that do not change stay.
        foreach (Match bare in BareCountedWord().Matches(template))
        {
            var number = bare.Groups[1].Value;
            var soon = template.AsSpan(bare.Index, Math.Min(40, template.Length - bare.Index)).ToString();
            (soon.Contains($"{{{number}|", StringComparison.Ordinal) || Invariant.Contains(bare.Groups["word"].Value))
                .Should().BeTrue($"{language} {key}: '{bare.Value}' needs {{Name|one|other}} forms");
        }

        foreach (var count in new[] { 0, 1, 2 })
        {
            var rendered = Render(language, template, count);
            rendered.Should().NotMatchRegex(@"\{[A-Za-z]+(\|[^}]*)?\}", $"{language} {key} fills every placeholder");
            foreach (Match choice in Choice().Matches(template))
            {
                var forms = choice.Groups["forms"].Value.Split('|');
                var isOne = language == "fr" ? count is 0 or 1 : count == 1;
                var expected = isOne ? forms[0] : forms[^1];
                rendered.Should().Contain(expected, $"{language} {key} with {count}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void A_message_starts_as_a_sentence(string language, string key)
    {
        if (!key.StartsWith("tenancy.", StringComparison.Ordinal) && !key.StartsWith("common.", StringComparison.Ordinal))
        {
            return; // fragments (expected.*, detail.*, quota.*, data.*, tier.*) are placed inside sentences
        }

        var template = Messages.GetString(key, CultureInfo.GetCultureInfo(language))!;
        var rendered = Render(language, template, 2);
        var first = rendered.TrimStart('\'', '«', ' ', '"', '$', '.');

        // A message may open with an identifier (a wire member such as max_attempts, or a path).
        (first.Length == 0 || !char.IsLower(first[0]) || Identifier().IsMatch(template)).Should().BeTrue($"{language} {key}: \"{rendered}\"");
    }

    [Theory]
    [InlineData("en", "unexpected content at line 1, column")]
    [InlineData("fr", "contenu inattendu à la ligne 1, colonne")]
    [InlineData("de", "unerwarteter Inhalt in Zeile 1, Spalte")]
    [InlineData("es", "contenido inesperado en la línea 1, columna")]
    public void Malformed_json_is_described_in_the_callers_language_only(string language, string expected)
    {
        using var host = new TestHost();

        var error = InCulture.Run(language, () => host.Json.Read<AlertSchema>("{\"tenant_id\": }").Errors).Should().ContainSingle().Subject;

        error.ErrorCode.Should().Be(TenancyErrorCodes.JsonMalformed);
        error.ErrorMessage.Should().Contain(expected).And.NotContainAny("LineNumber", "BytePositionInLine", "Expected", "'}'");
    }

    [Theory]
    [InlineData("en", 1, "Trial tenants may define at most 1 escalation step; got 2")]
    [InlineData("es", 1, "Los inquilinos Prueba pueden definir como máximo 1 paso de escalado; se recibieron 2")]
    [InlineData("fr", 1, "Les locataires Essai peuvent définir au plus 1 niveau d'escalade ; reçu : 2")]
    [InlineData("de", 1, "Test-Mandanten dürfen höchstens 1 Eskalationsstufe festlegen; erhalten: 2")]
    public void A_tier_limit_of_one_reads_in_the_singular(string language, int limit, string expected)
    {
        using var host = new TestHost(o => o.Tiers.Trial = o.Tiers.Trial with { MaxEscalationSteps = limit });
        var steps = new AlertEscalation { Level = EscalationLevel.L1, Channels = [AlertChannel.Email], Recipients = ["oncall@acme.example"] };
        var alert = Samples.Alert() with { Escalations = [steps, steps with { Level = EscalationLevel.L2 }] };

        var message = InCulture.Run(language, () => host.Validator<AlertSchema>().Validate(alert, new TenancyValidationContext { Tier = TenancySchemas.Tiers.TenantType.Trial }))
            .ShouldHaveFailure(TenancyErrorCodes.TierTooManyEscalations).ErrorMessage;

        message.Should().Be(expected);
    }

    private static string Render(string language, string template, int count) => InCulture.Run(language, () =>
        TenancyStringLocalizer.FillPlaceholders(template, [.. PlaceholderName().Matches(template).Select(m => m.Groups["name"].Value).Distinct()
            .Select(name => new KeyValuePair<string, object?>(name, Numbers.Contains(name) ? count : $"Sample{name}"))]));

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(\|[^}]*)?\}")]
    private static partial Regex PlaceholderName();

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\|(?<forms>[^}]*)\}")]
    private static partial Regex Choice();

    [GeneratedRegex(@"\{(Count|Limit|Dropped|Days|Minimum|MaxCount|Size)\} (?!ms\b|h\b|%|GB\b|Go\b|\{)(?<word>\p{L}+)")]
    private static partial Regex BareCountedWord();

    [GeneratedRegex(@"^(\{[A-Za-z]+\}|'?\{PropertyName\}|[a-z]+_[a-z_]+|[a-z_]+ \(\{)")]
    private static partial Regex Identifier();
}
