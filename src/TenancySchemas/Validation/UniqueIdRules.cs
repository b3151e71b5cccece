using FluentValidation;
using TenancySchemas.Json;

namespace TenancySchemas.Validation;

/// <summary>Duplicate ids within a list (N12, M5, C13, P5): one pass with a hash set, so a long list stays linear.</summary>
internal static class UniqueIdRules
{
    public static void ReportDuplicates<T, TItem>(
        this FailureReport<T> report,
        IEnumerable<TItem?> items,
        Func<TItem, string?> id,
        Func<int, string> propertyPath,
        string idWireName,
        string code,
        HashSet<string>? seen = null)
        where TItem : class
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in items)
        {
            if (item is not null && id(item) is { } value && !seen.Add(value))
            {
                report.Add(propertyPath(index), code, MessageArgs.Of(("IdName", idWireName), ("Id", MessageValue.Quote(value))));
            }

            index++;
        }
    }
}
