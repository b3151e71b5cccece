using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>
/// Optional per-call data for a validation (<c>docs/validation.md</c>), passed in the FluentValidation root context
/// data under <see cref="Key"/> or through <see cref="TenancyValidatorExtensions.Validate{T}(FluentValidation.IValidator{T}, T, TenancyValidationContext)"/>.
/// </summary>
public sealed record TenancyValidationContext
{
    /// <summary>The root context data key under which validators look for this context.</summary>
    public const string Key = "tenancy";

    /// <summary>Gets the tier whose rule set applies, overriding the tier the validator would find itself.</summary>
    public TenantType? Tier { get; init; }

    /// <summary>Gets the tenant the document must belong to; a different <c>tenant_id</c> fails with <c>tenancy.isolation.tenant_mismatch</c>.</summary>
    public string? ExpectedTenantId { get; init; }

    /// <summary>Gets the instant that time-dependent rules treat as now, instead of the validator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? Now { get; init; }
}
