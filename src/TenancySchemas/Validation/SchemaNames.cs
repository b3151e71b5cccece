using System.Collections.Concurrent;
using System.Text.Json;

namespace TenancySchemas.Validation;

/// <summary>The stable name of a schema in audit events and metric labels: <c>TenantConfigSchema</c> → <c>tenant_config</c>.</summary>
internal static class SchemaNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type type) => Names.GetOrAdd(type, static t =>
    {
        var name = t.Name.EndsWith("Schema", StringComparison.Ordinal) ? t.Name[..^"Schema".Length] : t.Name;
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    });
}
