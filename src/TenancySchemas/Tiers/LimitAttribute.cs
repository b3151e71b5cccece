using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace TenancySchemas.Tiers;

/// <summary>
/// A <see cref="RangeAttribute"/> on a tier limit whose message names the setting as configured
/// (<c>Tiers:Trial:MaxUsers -1 must not be negative</c>). The options validation generator ignores a plain
/// <see cref="RangeAttribute"/>'s <c>ErrorMessage</c>; it runs this one as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class LimitAttribute : RangeAttribute
{
    /// <summary>Initializes a new instance of the <see cref="LimitAttribute"/> class for a whole number, unbounded above unless given.</summary>
    public LimitAttribute(int minimum, int maximum = int.MaxValue)
        : base(minimum, maximum)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LimitAttribute"/> class for a number between two bounds.</summary>
    public LimitAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
        var rule = Maximum is int.MaxValue
            ? Minimum is 0 ? "must not be negative" : $"must be at least {Minimum}"
            : string.Create(CultureInfo.InvariantCulture, $"must be between {Minimum} and {Maximum}");
        return new ValidationResult($"{SettingPath(validationContext)} {shown} {rule}");
    }

    /// <summary>
    /// The generated validator names a member <c>{name}.{member}</c>, where the options validator passes the tier's
    /// path (<c>Tiers:Trial</c>) as the name: written as the configuration key it is.
    /// </summary>
    internal static string SettingPath(ValidationContext context)
    {
        var display = context.DisplayName;
        var member = context.MemberName;
        return member is not null && display.EndsWith("." + member, StringComparison.Ordinal)
            ? string.Concat(display.AsSpan(0, display.Length - member.Length - 1), ":", member)
            : display;
    }
}
