using FluentValidation;
using TenancySchemas.Json;
using TenancySchemas.Validation;

namespace TenancySchemas.Common;

/// <summary>
/// The shared formats as FluentValidation rule extensions, so that a family's validator reads like its spec
/// section: <c>RuleFor(x => x.AdminEmail).NotEmpty().Email()</c>. Null values pass; pair with NotEmpty where required.
/// </summary>
internal static class FormatRules
{
    public static IRuleBuilderOptions<T, TValue> TenantIdFormat<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsTenantId, TenancyErrorCodes.TenantIdFormat, new JsonSchemaHint(Pattern: Formats.TenantIdRegex));

    public static IRuleBuilderOptions<T, TValue> Email<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsEmail, TenancyErrorCodes.InvalidEmail, new JsonSchemaHint(Format: "email"));

    /// <summary>An entry that looks like an e-mail address (an @ after the first character) must be one; others (#channel, @team) pass.</summary>
    public static IRuleBuilderOptions<T, TValue> EmailWhenEmailLike<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(text => !Formats.LooksLikeEmail(text) || Formats.IsEmail(text), TenancyErrorCodes.InvalidEmail);

    public static IRuleBuilderOptions<T, TValue> E164Phone<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsE164Phone, TenancyErrorCodes.InvalidPhone, new JsonSchemaHint(Pattern: @"^\+[1-9][0-9]{1,14}$"));

    public static IRuleBuilderOptions<T, TValue> IanaTimeZone<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIanaTimeZone, TenancyErrorCodes.InvalidTimeZone);

    public static IRuleBuilderOptions<T, TValue> Locale<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsLocale, TenancyErrorCodes.InvalidLocale);

    public static IRuleBuilderOptions<T, TValue> HttpUrl<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsHttpUrl, TenancyErrorCodes.InvalidUrl, new JsonSchemaHint(Format: "uri", Pattern: "^[Hh][Tt][Tt][Pp][Ss]?://"));

    public static IRuleBuilderOptions<T, TValue> IpAddress<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIpAddress, TenancyErrorCodes.InvalidIp);

    public static IRuleBuilderOptions<T, TValue> IpOrCidr<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIpOrCidr, TenancyErrorCodes.InvalidIpOrCidr);

    /// <summary>Every value of a name → URL map is an absolute http(s) URL; failures name the entry (<c>ApiEndpoints[orders]</c>).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyDictionary<string, string>> HttpUrlValues<T>(this IRuleBuilder<T, IReadOnlyDictionary<string, string>> rule, string memberName, string wireName) =>
        rule.NotNull().Reports(TenancyErrorCodes.InvalidUrl, (urls, report) =>
        {
            foreach (var (name, url) in urls ?? ValueMap<string>.Empty)
            {
                if (url is null || !Formats.IsHttpUrl(url))
                {
                    report.Add($"{memberName}[{WirePaths.Key(name)}]", TenancyErrorCodes.InvalidUrl, MessageArgs.Of(("PropertyName", $"{wireName}[{WirePaths.Key(name)}]")));
                }
            }
        });

    private static IRuleBuilderOptions<T, TValue> Format<T, TValue>(this IRuleBuilder<T, TValue> rule, Func<string, bool> isValid, string code, JsonSchemaHint? hint = null) =>
        rule.SetValidator(new FormatValidator<T, TValue>(isValid, hint)).WithTenancyError(code);
}

/// <summary>What a format means in JSON Schema: a <c>format</c> annotation and/or a <c>pattern</c> every valid value matches.</summary>
internal sealed record JsonSchemaHint(string? Format = null, string? Pattern = null);

/// <summary>
/// A string format check (null and non-string values pass). A validator of its own, not a <c>Must</c>, so that the
/// JSON Schema export can read the format it checks from the rule.
/// </summary>
internal sealed class FormatValidator<T, TValue>(Func<string, bool> isValid, JsonSchemaHint? hint) : FluentValidation.Validators.PropertyValidator<T, TValue>, IFormatValidator, IDocumentCheck<T, TValue>
{
    public override string Name => "FormatValidator";

    public JsonSchemaHint? Hint => hint;

    public override bool IsValid(ValidationContext<T> context, TValue value) => Passes(context, value);

    public bool Passes(ValidationContext<T> context, TValue value) => value is not string text || isValid(text);
}

/// <summary>The non-generic view of <see cref="FormatValidator{T, TValue}"/>.</summary>
internal interface IFormatValidator
{
    JsonSchemaHint? Hint { get; }
}
