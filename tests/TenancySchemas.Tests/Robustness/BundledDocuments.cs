using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;
using TenantType = TenancySchemas.Tiers.TenantType;

namespace TenancySchemas.Tests.Robustness;

/// <summary>The CLI's bundled documents of every schema, and reading + validating any of them by schema name.</summary>
internal static class BundledDocuments
{
    /// <summary>The schema types by the names the CLI, file names and "$schema" hints use: every schema of the registry.</summary>
    public static IReadOnlyDictionary<string, Type> TypeByName { get; } = SchemaRegistry.All.ToDictionary(schema => schema.Name, schema => schema.DocumentType, StringComparer.Ordinal);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "BundledSamples");

    /// <summary>Every bundled document: its file name, schema name and announced tier.</summary>
    public static IReadOnlyList<(string File, string Schema, TenantType? Tier)> All { get; } = [.. Directory.GetFiles(Folder, "*.json")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)
        .Select(file =>
        {
            var parts = file!.Split('.');
            return (file, parts[0], parts.Length > 3 && Enum.TryParse<TenantType>(parts[1], ignoreCase: true, out var tier) ? tier : (TenantType?)null);
        })];

    public static string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>
    /// Reads and validates with a container's TenancyJson and validator, in one call (<c>ReadAndValidate</c>) or in two
    /// steps (<c>Read</c>, then <c>Validate</c>); the result's value and failures.
    /// </summary>
    public static (object? Value, IReadOnlyList<ValidationFailure> Errors) ReadAndValidate(
        IServiceProvider services, string schema, ReadOnlySpan<byte> utf8, TenantType? tier, bool inTwoSteps = false)
    {
        var context = tier is null ? null : new TenancyValidationContext { Tier = tier };
        return SchemaRegistry.Find(schema)?.Accept(new ReadAndValidateVisitor(services, utf8.ToArray(), context, inTwoSteps))
            ?? throw new ArgumentOutOfRangeException(nameof(schema), schema, null);
    }

    /// <summary>Reads without validating, with the given reader: the result's value and read errors.</summary>
    public static (object? Value, IReadOnlyList<ValidationFailure> Errors) Read(TenancyJson json, string schema, ReadOnlySpan<byte> utf8) =>
        SchemaRegistry.Find(schema)?.Accept(new ReadVisitor(json, utf8.ToArray())) ?? throw new ArgumentOutOfRangeException(nameof(schema), schema, null);

    private sealed class ReadVisitor(TenancyJson json, byte[] utf8) : ISchemaVisitor<(object?, IReadOnlyList<ValidationFailure>)>
    {
        public (object?, IReadOnlyList<ValidationFailure>) Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var result = json.Read<T>(utf8);
            return (result.Value, result.Errors);
        }
    }

    private sealed class ReadAndValidateVisitor(IServiceProvider services, byte[] utf8, TenancyValidationContext? context, bool inTwoSteps)
        : ISchemaVisitor<(object?, IReadOnlyList<ValidationFailure>)>
    {
        public (object?, IReadOnlyList<ValidationFailure>) Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var json = services.GetRequiredService<TenancyJson>();
            var validator = services.GetRequiredService<IValidator<T>>();
            var result = inTwoSteps ? json.Validate(json.Read<T>(utf8), validator, context) : json.ReadAndValidate(utf8, validator, context);
            return (result.Value, result.Errors);
        }
    }

    /// <summary>
    /// Plants marker tokens (<c>mk12x</c>) in every e-mail address, URL and free-text value, keeping each value's format,
    /// so that a scan of the logs and metrics for <c>mk[0-9]+x</c> finds any document value that leaked.
    /// </summary>
    public static string PlantMarkers(string json, ref int next)
    {
        var root = JsonNode.Parse(json)!;
        var counter = next;
        Walk(root, null);
        next = counter;
        return root.ToJsonString();

        void Walk(JsonNode? node, string? key)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToArray())
                    {
                        if (child is JsonValue value && value.TryGetValue<string>(out var text) && name != "tenant_id")
                        {
                            obj[name] = Marked(name, text);
                        }
                        else
                        {
                            Walk(child, name);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                        {
                            array[i] = Marked(key, text);
                        }
                        else
                        {
                            Walk(array[i], key);
                        }
                    }

                    break;
            }
        }

        JsonNode Marked(string? key, string text)
        {
            var marker = $"mk{counter++}x";
            if (text.Contains('@', StringComparison.Ordinal) && !text.StartsWith('@'))
            {
                return $"{marker}@example.com";
            }

            if (text.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                return $"https://{marker}.example.com/hook";
            }

            return key is "name" or "title" or "description" or "message" or "tenant_name" or "organization" or "compliance_officer"
                or "data_protection_officer" or "business_impact" or "component" or "service"
                ? $"{marker} {text}"
                : text;
        }
    }
}
