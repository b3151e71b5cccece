using FluentValidation;
using FluentValidation.Results;

namespace TenancySchemas.Validation;

/// <summary>Validation with per-call tenancy data.</summary>
public static class TenancyValidatorExtensions
{
    /// <summary>Validates a document with a tier, expected tenant or instant given for this call only.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="validator">The validator.</param>
    /// <param name="document">The document.</param>
    /// <param name="context">The per-call data.</param>
    /// <returns>The validation result.</returns>
    public static ValidationResult Validate<T>(this IValidator<T> validator, T document, TenancyValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(context);
        if (validator is ITenancyValidator<T> tenancy)
        {
            return tenancy.Validate(document, context);
        }

        var validationContext = new ValidationContext<T>(document);
        validationContext.RootContextData[TenancyValidationContext.Key] = context;
        return validator.Validate(validationContext);
    }

    /// <summary>Validates a document asynchronously with a tier, expected tenant or instant given for this call only.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="validator">The validator.</param>
    /// <param name="document">The document.</param>
    /// <param name="context">The per-call data.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The validation result.</returns>
    public static Task<ValidationResult> ValidateAsync<T>(this IValidator<T> validator, T document, TenancyValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(context);
        if (validator is ITenancyValidator<T> tenancy)
        {
            return tenancy.ValidateAsync(document, context, cancellationToken);
        }

        var validationContext = new ValidationContext<T>(document);
        validationContext.RootContextData[TenancyValidationContext.Key] = context;
        return validator.ValidateAsync(validationContext, cancellationToken);
    }
}
