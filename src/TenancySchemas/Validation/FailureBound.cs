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
    /// <summary>Keeps the first <paramref name="maxErrors"/> failures and says how many more there were.</summary>
    /// <param name="failures">The failures, in order; changed in place.</param>
    /// <param name="maxErrors">The most failures to keep.</param>
    /// <param name="alreadyDropped">Failures counted but never built (see <see cref="ReportBudget"/>).</param>
    public static void Apply(List<ValidationFailure> failures, int maxErrors, int alreadyDropped = 0)
    {
        if (failures.Count <= maxErrors && alreadyDropped == 0)
        {
            return;
        }

        var kept = Math.Min(failures.Count, Math.Max(0, maxErrors));
        var dropped = failures.Count - kept + alreadyDropped;
        failures.RemoveRange(kept, failures.Count - kept);
        failures.Add(new ValidationFailure(string.Empty, TenancyStringLocalizer.Instance.Format(TenancyErrorCodes.JsonTooManyErrors, [new("Dropped", dropped)]))
        {
            ErrorCode = TenancyErrorCodes.JsonTooManyErrors,
            Severity = Severity.Error,
        });
    }
}
