using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace TenancySchemas.DependencyInjection;

/// <summary>
/// Compares configured keys with the public instance properties of the options they bind to. The binder's own
/// <c>ErrorOnUnknownConfiguration</c> names the property but not the key, stops at the first one, and accepts names it
/// would never write (static, non-public and indexer properties): binding <c>Tiers:DefaultTrial:MaxUsers</c> would
/// change the default tier table of every container in the process.
/// </summary>
internal static class ConfigurationKeys
{
    private const int MaxReported = 20;

    /// <summary>Names every key under <paramref name="section"/> that matches no property, with the setting it most likely meant.</summary>
    public static List<string> FindUnknown(IConfiguration section, Type type)
    {
        var unknown = new List<string>();
        FindUnknown(section, type, unknown);
        if (unknown.Count > MaxReported)
        {
            var more = unknown.Count - MaxReported;
            unknown.RemoveRange(MaxReported, more);
            unknown.Add($"{more} more unknown settings were not named");
        }

        return unknown;
    }

    /// <summary>
    /// Sets each configured list property to <see langword="null"/> (our list properties read it as empty), so that the
    /// binder's items replace the default list instead of being appended to it.
    /// </summary>
    public static void EmptyConfiguredLists(IConfiguration section, object instance)
    {
        foreach (var child in section.GetChildren())
        {
            if (Find(instance.GetType(), child.Key) is not { } property)
            {
                continue;
            }

            if (IsList(property.PropertyType))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    property.SetValue(instance, null);
                }
            }
            else if (IsObject(property.PropertyType) && property.GetValue(instance) is { } value)
            {
                EmptyConfiguredLists(child, value);
            }
        }
    }

    private static void FindUnknown(IConfiguration section, Type type, List<string> unknown)
    {
        foreach (var child in section.GetChildren())
        {
            if (Find(type, child.Key) is { } property)
            {
                if (IsObject(property.PropertyType))
                {
                    FindUnknown(child, property.PropertyType, unknown);
                }

                continue;
            }

            var names = Properties(type).Select(p => p.Name).ToList();
            var guess = names.MinBy(name => Distance(name, child.Key));
            unknown.Add(guess is not null && Distance(guess, child.Key) <= Math.Max(2, child.Key.Length / 3)
                ? $"{child.Path} is not a setting; did you mean {guess}?"
                : $"{child.Path} is not a setting; {type.Name} has {string.Join(", ", names)}");
        }
    }

    private static PropertyInfo? Find(Type type, string key) =>
        Properties(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    // Lists and dictionaries take any key (an index, a tenant id); strings and value types are leaves the binder converts.
    private static bool IsObject(Type type) =>
        type.IsClass && !type.IsAbstract && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsList(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && !IsDictionary(type);

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type) ||
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    // Case-insensitive edit distance between a property name and a key: short strings, computed only for unknown keys.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
