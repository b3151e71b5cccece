using FluentValidation;
using FluentValidation.Results;
using TenancySchemas.Localization;

namespace TenancySchemas.Validation;

/// <summary>
/// Keeps a document's failures within the configured number: the first ones in order, then one
/// <c>tenancy.json.too_many_errors</c> failure saying how many were left out (a hostile document can otherwise make
/// one failure per list item, and every consumer — response body, audit record, metrics — pays for each).
/// </summary>
internal static class FailureBound
{
    public static void Apply(List<ValidationFailure> failures, int maxErrors)
    {
        if (failures.Count <= maxErrors)
        {
            return;
        }

        var kept = Math.Max(0, maxErrors);
        var dropped = failures.Count - kept;
        failures.RemoveRange(kept, dropped);
        failures.Add(new ValidationFailure(string.Empty, TenancyStringLocalizer.Instance.Format(TenancyErrorCodes.JsonTooManyErrors, [new("Dropped", dropped)]))
        {
            ErrorCode = TenancyErrorCodes.JsonTooManyErrors,
            Severity = Severity.Error,
        });
    }
}
