using System.Text.Json.Nodes;
using TenancySchemas.Schemas;

namespace TenancySchemas.AspNetCore.Tests.Support;

/// <summary>The CLI's bundled sample documents, by schema: <c>{schema}[.{tier}].valid.json</c> and <c>….invalid.json</c>.</summary>
internal static class BundledDocuments
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "BundledSamples");

    public static string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>The first valid document of a schema, its tier (from the file name) and the tenant it claims.</summary>
    public static (string Json, string? Tier, string? Tenant) Valid(string schema) => Of(schema, "valid") ?? throw new InvalidOperationException($"no valid sample of {schema}");

    /// <summary>An invalid document of a schema, when one is bundled.</summary>
    public static (string Json, string? Tier, string? Tenant)? Invalid(string schema) => Of(schema, "invalid");

    public static TheoryData<string> Schemas() => new(SchemaRegistry.All.Select(s => s.Name));

    private static (string Json, string? Tier, string? Tenant)? Of(string schema, string kind)
    {
        var file = Directory.GetFiles(Folder, $"{schema}.*{kind}.json")
            .Select(Path.GetFileName)
            .Where(f => f!.Split('.') is { Length: 3 or 4 } parts && parts[0] == schema && parts[^2] == kind)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (file is null)
        {
            return null;
        }

        var parts = file.Split('.');
        var json = Text(file);
        return (json, parts.Length == 4 ? parts[1] : null, JsonNode.Parse(json)?["tenant_id"]?.GetValue<string>());
    }
}
