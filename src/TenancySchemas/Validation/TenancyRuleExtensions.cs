using FluentValidation;
using TenancySchemas.Localization;

namespace TenancySchemas.Validation;

/// <summary>Ties a rule to a stable error code and its localized message, looked up per call in the caller's culture.</summary>
internal static class TenancyRuleExtensions
{
    public static IRuleBuilderOptions<T, TProperty> WithTenancyError<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string code) =>
        rule.WithErrorCode(code).WithMessage(_ => TenancyStringLocalizer.Instance[code].Value);

    public static IRuleBuilderOptions<T, TProperty> WithTenancyError<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string code, Func<T, TProperty, MessageArgs> args) =>
        rule.WithErrorCode(code).WithMessage((document, value) => TenancyStringLocalizer.Instance.Format(code, args(document, value).Items));
}

/// <summary>The named arguments of a message template: <c>MessageArgs.Of(("Tier", tier), ("Limit", 10))</c>.</summary>
internal readonly struct MessageArgs
{
    private MessageArgs(KeyValuePair<string, object?>[] items) => Items = items;

    public static MessageArgs None { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, object?>> Items { get; }

    public static MessageArgs Of(params (string Name, object? Value)[] args) =>
        new([.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))]);
}
