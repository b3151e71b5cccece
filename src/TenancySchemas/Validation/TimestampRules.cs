using System.Linq.Expressions;
using FluentValidation;

namespace TenancySchemas.Validation;

/// <summary>The "{Later} must not be before {Earlier}" rule (<c>tenancy.common.timestamp_order</c>), written once for every family.</summary>
internal static class TimestampRules
{
    /// <summary>Fails when both instants are set and <paramref name="later"/> is before <paramref name="earlier"/> (compared as instants).</summary>
    public static void NotBefore<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, DateTimeOffset?>> later,
        Func<T, DateTimeOffset?> earlier,
        string laterWireName,
        string earlierWireName) =>
        validator.RuleFor(later)
            .Satisfies((document, value) => value is null || earlier(document) is not { } bound || value >= bound)
            .WithTenancyError(TenancyErrorCodes.TimestampOrder, (_, _) => MessageArgs.Of(("Later", laterWireName), ("Earlier", earlierWireName)));

    /// <summary>Fails when the expiry is not after the creation (<c>tenancy.common.expires_before_created</c>).</summary>
    public static void ExpiresAfterCreation<T>(this AbstractValidator<T> validator, Expression<Func<T, DateTimeOffset?>> expiresAt, Func<T, DateTimeOffset> createdAt) =>
        validator.RuleFor(expiresAt)
            .Satisfies((document, expires) => expires is null || expires > createdAt(document))
            .WithTenancyError(TenancyErrorCodes.ExpiresBeforeCreated);
}

/// <summary>The timestamp-order check inside custom rules that walk lists, where the message names the item (<c>deliveries[2].sent_at</c>).</summary>
internal static class TimestampOrderFailures
{
    public static void CheckOrder<T>(this FailureReport<T> report, DateTimeOffset? later, DateTimeOffset? earlier, string laterWirePath, string earlierWirePath, string propertyPath)
    {
        if (later is { } l && earlier is { } e && l < e)
        {
            report.Add(propertyPath, TenancyErrorCodes.TimestampOrder, MessageArgs.Of(("Later", laterWirePath), ("Earlier", earlierWirePath)));
        }
    }
}
