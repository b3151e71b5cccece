using FluentValidation;
using FluentValidation.Results;

namespace TenancySchemas.Validation;

/// <summary>
/// A validation result in which only <see cref="Severity.Error"/> failures make a document invalid;
/// FluentValidation's own result counts warnings too. Returned by every TenancySchemas validator for a document with
/// failures; without any, FluentValidation's own result already says valid and is returned as it is.
/// </summary>
internal sealed class TenancyValidationResult(IEnumerable<ValidationFailure> failures) : ValidationResult(failures)
{
    public override bool IsValid
    {
        get
        {
            foreach (var failure in Errors)
            {
                if (failure.Severity == Severity.Error)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
