using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using FluentValidation.Results;

namespace TenancySchemas.Security;

/// <summary>
/// Takes the values of sensitive members (<see cref="SensitiveAttribute"/>) and of map entries under secret-looking keys
/// (<see cref="SecretNames"/>) out of validation failures: the attempted value, the <c>PropertyValue</c> placeholder and
/// any custom state, so that an app that logs or serializes failures cannot leak them. Messages never quote such values
/// in the first place.
/// </summary>
internal static class FailureScrubber
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, FrozenSet<string>> SensitivePaths = new();

    /// <summary>Scrubs the failures of one validation of a <paramref name="documentType"/> document.</summary>
    public static void Scrub(List<ValidationFailure> failures, Type documentType)
    {
        var sensitive = SensitivePaths.GetOrAdd(documentType, static type => Collect(type, string.Empty, 0).ToFrozenSet(StringComparer.Ordinal));
        foreach (var failure in failures)
        {
            if (sensitive.Contains(WithoutIndexes(failure.PropertyName)) || SecretNames.IsSecret(LastKey(failure.PropertyName)))
            {
                failure.AttemptedValue = null;
                failure.CustomState = null;
                failure.FormattedMessagePlaceholderValues?.Remove("PropertyValue");
            }
        }
    }

    /// <summary>The property paths of every sensitive member of a record type and of the records it holds (<c>Escalations.Recipients</c>).</summary>
    internal static IEnumerable<string> Collect(Type type, string prefix, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = prefix + property.Name;
            if (property.IsDefined(typeof(SensitiveAttribute), inherit: true))
            {
                yield return path;
            }

            if (RecordIn(property.PropertyType) is { } nested)
            {
                foreach (var inner in Collect(nested, path + ".", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    // The record a member holds, directly or as the items of a list.
    private static Type? RecordIn(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            type = type.GetGenericArguments()[0];
        }

        return type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("TenancySchemas", StringComparison.Ordinal) == true ? type : null;
    }

    // The key of the last bracket when it is a map key (not an index): ContactInfo[password] → password.
    private static string? LastKey(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[^1] != ']')
        {
            return null;
        }

        var open = path.LastIndexOf('[');
        var key = open < 0 ? null : path[(open + 1)..^1];
        return key is null || (key.Length > 0 && !key.AsSpan().ContainsAnyExceptInRange('0', '9')) ? null : key.Replace("\\", string.Empty, StringComparison.Ordinal);
    }

    private static string WithoutIndexes(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.Contains('[', StringComparison.Ordinal))
        {
            return path ?? string.Empty;
        }

        var builder = new StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
