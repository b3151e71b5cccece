using FluentValidation;
using TenancySchemas.Validation;

namespace TenancySchemas.Common;

/// <summary>
/// The shared formats as FluentValidation rule extensions, so that a family's validator reads like its spec
/// section: <c>RuleFor(x => x.AdminEmail).NotEmpty().Email()</c>. Null values pass; pair with NotEmpty where required.
/// </summary>
internal static class FormatRules
{
    public static IRuleBuilderOptions<T, TValue> TenantIdFormat<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsTenantId, TenancyErrorCodes.TenantIdFormat);

    public static IRuleBuilderOptions<T, TValue> Email<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsEmail, TenancyErrorCodes.InvalidEmail);

    /// <summary>An entry that looks like an e-mail address (an @ after the first character) must be one; others (#channel, @team) pass.</summary>
    public static IRuleBuilderOptions<T, TValue> EmailWhenEmailLike<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(text => !Formats.LooksLikeEmail(text) || Formats.IsEmail(text), TenancyErrorCodes.InvalidEmail);

    public static IRuleBuilderOptions<T, TValue> E164Phone<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsE164Phone, TenancyErrorCodes.InvalidPhone);

    public static IRuleBuilderOptions<T, TValue> IanaTimeZone<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIanaTimeZone, TenancyErrorCodes.InvalidTimeZone);

    public static IRuleBuilderOptions<T, TValue> Locale<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsLocale, TenancyErrorCodes.InvalidLocale);

    public static IRuleBuilderOptions<T, TValue> HttpUrl<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsHttpUrl, TenancyErrorCodes.InvalidUrl);

    public static IRuleBuilderOptions<T, TValue> IpAddress<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIpAddress, TenancyErrorCodes.InvalidIp);

    public static IRuleBuilderOptions<T, TValue> IpOrCidr<T, TValue>(this IRuleBuilder<T, TValue> rule) =>
        rule.Format(Formats.IsIpOrCidr, TenancyErrorCodes.InvalidIpOrCidr);

    /// <summary>Every value of a name → URL map is an absolute http(s) URL; failures name the entry (<c>ApiEndpoints[orders]</c>).</summary>
    public static IRuleBuilderOptionsConditions<T, IReadOnlyDictionary<string, string>> HttpUrlValues<T>(this IRuleBuilder<T, IReadOnlyDictionary<string, string>> rule, string memberName, string wireName) =>
        rule.NotNull().Custom((urls, context) =>
        {
            foreach (var (name, url) in urls ?? ValueMap<string>.Empty)
            {
                if (url is null || !Formats.IsHttpUrl(url))
                {
                    context.AddTenancyFailure($"{memberName}[{name}]", TenancyErrorCodes.InvalidUrl, MessageArgs.Of(("PropertyName", $"{wireName}[{name}]")));
                }
            }
        });

    private static IRuleBuilderOptions<T, TValue> Format<T, TValue>(this IRuleBuilder<T, TValue> rule, Func<string, bool> isValid, string code) =>
        rule.Must(value => value is not string text || isValid(text)).WithTenancyError(code);
}
