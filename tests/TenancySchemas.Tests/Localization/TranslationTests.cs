using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using TenancySchemas.Json;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Localization;

/// <summary>The message catalog: every error code has a message in en, fr, de and es, with the same placeholders.</summary>
public sealed partial class TranslationTests
{
    private static readonly ResourceManager Messages = new("TenancySchemas.Localization.Messages", typeof(TenancyJson).Assembly);

    private static IEnumerable<string> AllCodes() =>
        typeof(TenancyErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> ErrorCodes() => new(AllCodes());

    [Fact]
    public void The_code_catalog_is_not_empty_and_codes_are_unique()
    {
        var codes = AllCodes().ToList();

        codes.Should().HaveCountGreaterThan(30).And.OnlyHaveUniqueItems().And.OnlyContain(c => c.StartsWith("tenancy.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public void Every_error_code_has_a_message_in_all_four_languages_with_the_same_placeholders(string code)
    {
        var english = Messages.GetString(code, CultureInfo.GetCultureInfo("en"));
        english.Should().NotBeNullOrWhiteSpace($"{code} needs an English message");

        foreach (var language in new[] { "fr", "de", "es" })
        {
            var translated = Messages.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)?.GetString(code);
            translated.Should().NotBeNullOrWhiteSpace($"{code} needs a {language} message of its own");
            translated.Should().NotBe(english, $"the {language} message of {code} must be translated");
            Placeholders(translated!).Should().BeEquivalentTo(Placeholders(english!), $"the {language} message of {code} must use the English placeholders");
        }
    }

    [Fact]
    public void Canadian_French_falls_back_to_French_and_unsupported_cultures_to_the_default_locale()
    {
        using var host = new TestHost();
        var broken = Samples.Tenant() with { ComplianceLevels = [ComplianceLevel.Hipaa] };

        host.Validate(broken, "fr-CA").ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa).ErrorMessage.Should().Be("La conformité HIPAA exige l'authentification multifacteur");
        host.Validate(broken, "it-IT").ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa).ErrorMessage.Should().Be("HIPAA compliance requires MFA");
        host.Validate(broken, "de-AT").ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa).ErrorMessage.Should().Be("HIPAA-Konformität erfordert Multi-Faktor-Authentifizierung");
    }

    [Fact]
    public void A_regional_culture_gets_its_language_for_built_in_messages_too()
    {
        using var host = new TestHost();
        var broken = Samples.Tenant() with { TenantName = "A" };

        // The caller's culture is kept as it is (no switch to the neutral one): FluentValidation must still find French.
        host.Validate(broken, "fr-CA").ShouldHaveFailure("LengthValidator").ErrorMessage.Should().Contain("caractères");
        host.Validate(broken, "es-MX").ShouldHaveFailure("LengthValidator").ErrorMessage.Should().Contain("caracteres");
    }

    [Theory]
    [InlineData("en", "HIPAA compliance requires MFA", "characters")]
    [InlineData("fr", "La conformité HIPAA exige l'authentification multifacteur", "caractères")]
    [InlineData("de", "HIPAA-Konformität erfordert Multi-Faktor-Authentifizierung", "Zeichen")]
    public void A_caller_in_the_invariant_culture_gets_the_default_locale(string defaultLocale, string expected, string builtInWord)
    {
        using var host = new TestHost(o => o.DefaultLocale = defaultLocale);
        var broken = Samples.Tenant() with { TenantName = "A", ComplianceLevels = [ComplianceLevel.Hipaa] };

        var (result, after) = InCulture.Run(string.Empty, () => (host.Validator<TenantConfigSchema>().Validate(broken), CultureInfo.CurrentUICulture));

        result.ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa).ErrorMessage.Should().Be(expected);
        result.ShouldHaveFailure("LengthValidator").ErrorMessage.Should().Contain(builtInWord);
        after.Should().Be(CultureInfo.InvariantCulture, "the validator puts the caller's culture back");
    }

    [Fact]
    public void The_default_locale_applies_when_the_caller_culture_is_not_supported()
    {
        using var host = new TestHost(o => o.DefaultLocale = "es");
        var broken = Samples.Tenant() with { TenantName = "A", ComplianceLevels = [ComplianceLevel.Hipaa] };

        var result = host.Validate(broken, "ja-JP");

        result.ShouldHaveFailure(TenancyErrorCodes.HipaaRequiresMfa).ErrorMessage.Should().Be("El cumplimiento de HIPAA requiere autenticación multifactor");
        result.ShouldHaveFailure("LengthValidator").ErrorMessage.Should().Contain("caracteres", "FluentValidation's own messages follow the same language");
        CultureInfo.CurrentUICulture.Name.Should().NotBe("es", "the caller's culture is restored");
    }

    [Fact]
    public void Built_in_messages_follow_the_callers_language()
    {
        using var host = new TestHost();
        var broken = Samples.Tenant() with { TenantName = "A" };

        var english = host.Validate(broken, "en").ShouldHaveFailure("LengthValidator").ErrorMessage;
        var german = host.Validate(broken, "de").ShouldHaveFailure("LengthValidator").ErrorMessage;

        english.Should().Contain("characters");
        german.Should().Contain("Zeichen");
    }

    [Fact]
    public void Concurrent_validations_in_different_languages_do_not_mix()
    {
        using var host = new TestHost();
        var broken = Samples.Tenant(TenantType.Trial) with { Quotas = new() { MaxUsers = 99 } };
        var expected = new Dictionary<string, string>
        {
            ["en"] = "Trial tenants are limited to 10 users; got 99",
            ["fr"] = "Les locataires Essai sont limités à 10 utilisateurs ; valeur reçue : 99",
            ["de"] = "Test-Mandanten sind auf 10 Benutzer begrenzt; erhalten: 99",
            ["es"] = "Los inquilinos Prueba están limitados a 10 usuarios; se recibió 99",
        };

        Parallel.For(0, 400, i =>
        {
            var language = expected.Keys.ElementAt(i % 4);
            host.Validate(broken, language).ShouldHaveFailure(TenancyErrorCodes.TierQuotaExceeded).ErrorMessage.Should().Be(expected[language]);
        });
    }

    private static IEnumerable<string> Placeholders(string message) => PlaceholderPattern().Matches(message).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex PlaceholderPattern();
}
