using FluentValidation.Results;

namespace TenancySchemas.Validation;

/// <summary>
/// A root validator that takes its per-call data directly, so that the extensions need not build a FluentValidation
/// context that the validator would replace (its selector is fixed when it is built, and the tier chooses it).
/// </summary>
/// <typeparam name="T">The schema type.</typeparam>
internal interface ITenancyValidator<in T>
{
    /// <summary>Validates a document with optional per-call data.</summary>
    ValidationResult Validate(T document, TenancyValidationContext? call);

    /// <summary>Validates a document asynchronously with optional per-call data.</summary>
    Task<ValidationResult> ValidateAsync(T document, TenancyValidationContext? call, CancellationToken cancellation);
}
