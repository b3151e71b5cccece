using FluentValidation;
using TenancySchemas.Json;
using TenancySchemas.Localization;
using TenancySchemas.Validation;

namespace TenancySchemas.Common;

/// <summary>
/// A defined-enum check with FluentValidation's code (<c>EnumValidator</c>). FluentValidation's own IsInEnum reads
/// the enum's attributes by reflection on every call; this one answers from the wire-name table built once.
/// </summary>
internal static class EnumRules
{
    private const string Code = "EnumValidator";

    public static IRuleBuilderOptions<T, TEnum> DefinedEnum<T, TEnum>(this IRuleBuilder<T, TEnum> rule)
        where TEnum : struct, Enum =>
        rule.Satisfies(WireEnum<TEnum>.IsDefined).WithErrorCode(Code).WithMessage(_ => TenancyStringLocalizer.Instance["common.undefined_enum"].Value);

    public static IRuleBuilderOptions<T, TEnum?> DefinedEnum<T, TEnum>(this IRuleBuilder<T, TEnum?> rule)
        where TEnum : struct, Enum =>
        rule.Satisfies(value => value is null || WireEnum<TEnum>.IsDefined(value.Value)).WithErrorCode(Code).WithMessage(_ => TenancyStringLocalizer.Instance["common.undefined_enum"].Value);
}
