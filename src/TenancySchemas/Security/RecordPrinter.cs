using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using TenancySchemas.Common;

namespace TenancySchemas.Security;

/// <summary>
/// Prints a record's members the way the compiler would, except that members marked
/// <see cref="SensitiveAttribute"/> are masked. Records call it from their <c>PrintMembers</c>.
/// </summary>
internal static class RecordPrinter
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, SensitiveKind? Kind)[]> Members = new();

    public static bool Print(object record, StringBuilder builder)
    {
        var first = true;
        foreach (var (property, kind) in Members.GetOrAdd(record.GetType(), Describe))
        {
            builder.Append(first ? string.Empty : ", ").Append(property.Name).Append(" = ");
            first = false;
            var value = property.GetValue(record);
            builder.Append(kind switch
            {
                SensitiveKind.Value => SensitiveData.MaskValue(value),
                SensitiveKind.Url => value is IEnumerable<string> urls
                    ? ValueEquality.Describe(urls.Select(SensitiveData.MaskUrl))
                    : SensitiveData.MaskUrl(value as string),
                _ => value?.ToString() ?? string.Empty,
            });
        }

        return !first;
    }

    private static (PropertyInfo, SensitiveKind?)[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken)
            .Select(p => (p, p.GetCustomAttribute<SensitiveAttribute>()?.Kind)),
    ];
}
