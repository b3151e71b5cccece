using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

/// <summary>One schema of the catalog: reads and validates its documents, in one call or in two steps.</summary>
internal abstract class SchemaEntry
{
    public abstract Type Type { get; }

    /// <summary>Reads a document; the result is for <see cref="Finish"/>.</summary>
    public abstract object Read(ReadOnlySpan<byte> utf8Json);

    /// <summary>Validates what <see cref="Read"/> returned.</summary>
    public abstract DocumentOutcome Finish(object read, TenancyValidationContext? context);

    public DocumentOutcome Validate(ReadOnlySpan<byte> utf8Json, TenancyValidationContext? context) => Finish(Read(utf8Json), context);
}

/// <summary>The catalog entry of one schema type.</summary>
internal sealed class SchemaEntry<T>(TenancyJson json, IServiceProvider services) : SchemaEntry
    where T : class, ITenancyDocument
{
    // Resolved on first use: a run validates one or two schemas, and building every validator costs start-up time.
    private readonly Lazy<IValidator<T>> _validator = new(services.GetRequiredService<IValidator<T>>);

    public override Type Type => typeof(T);

    public override object Read(ReadOnlySpan<byte> utf8Json) => json.Read<T>(utf8Json);

    public override DocumentOutcome Finish(object read, TenancyValidationContext? context)
    {
        var result = json.Validate((TenancyReadResult<T>)read, _validator.Value, context);
        return new DocumentOutcome(result.IsValid, result.Errors);
    }
}

/// <summary>The schemas the CLI knows, by the name used on the command line, in file names and in <c>"$schema"</c> hints.</summary>
internal sealed class SchemaCatalog
{
    private const string UrnPrefix = "urn:tenancy-schemas:";

    private readonly Dictionary<string, SchemaEntry> _schemas;

    public SchemaCatalog(IServiceProvider services)
    {
        var json = services.GetRequiredService<TenancyJson>();
        _schemas = SchemaRegistry.All.ToDictionary(schema => schema.Name, schema => schema.Accept(new EntryFactory(json, services)), StringComparer.Ordinal);
    }

    private sealed class EntryFactory(TenancyJson json, IServiceProvider services) : ISchemaVisitor<SchemaEntry>
    {
        public SchemaEntry Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument => new SchemaEntry<T>(json, services);
    }

    public IEnumerable<string> Names => _schemas.Keys;

    public string NameList => string.Join(", ", _schemas.Keys);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SchemaEntry? entry) => _schemas.TryGetValue(name, out entry);

    public Type? TypeOf(string name) => _schemas.TryGetValue(name, out var entry) ? entry.Type : null;

    /// <summary>Infers the schema from a file name such as <c>tenant-config.trial.valid.json</c>: the longest known prefix.</summary>
    public string? InferFromFileName(string path)
    {
        var file = Path.GetFileName(path);
        return _schemas.Keys.Where(name => file.StartsWith(name + ".", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault();
    }

    /// <summary>The tier a file name announces (<c>alert.trial.valid.json</c>), if any.</summary>
    public static TenantType? TierFromName(string path)
    {
        foreach (var part in Path.GetFileName(path).Split('.'))
        {
            if (TryParseName<TenantType>(part) is { } tier)
            {
                return tier;
            }
        }

        return null;
    }

    /// <summary>An enumeration value by its name, case-insensitive (<c>trial</c>, <c>Strict</c>); numbers are not names.</summary>
    public static TEnum? TryParseName<TEnum>(string text)
        where TEnum : struct, Enum =>
        !int.TryParse(text, out _) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value : null;

    /// <summary>
    /// Reads a root <c>"$schema"</c> member (<c>"alert"</c>, <c>"urn:tenancy-schemas:alert:trial"</c> as exported,
    /// or a URL ending in <c>alert.schema.json</c>) and returns the document without it, since the schemas themselves
    /// reject unknown root members. Documents without a hint are returned unchanged, without copying.
    /// </summary>
    public SchemaHint FindHint(ReadOnlyMemory<byte> utf8Json)
    {
        if (!HasRootSchemaMember(utf8Json.Span, out var value))
        {
            return new SchemaHint(null, null, utf8Json);
        }

        var (name, tier) = ParseHint(value);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(utf8Json.Span)!.AsObject();
        }
        catch (JsonException)
        {
            return new SchemaHint(name, tier, utf8Json);
        }

        document.Remove("$schema");
        return new SchemaHint(name, tier, JsonSerializer.SerializeToUtf8Bytes(document));
    }

    private (string? Name, TenantType? Tier) ParseHint(string hint)
    {
        string[] parts;
        if (hint.StartsWith(UrnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            parts = hint[UrnPrefix.Length..].Split(':');
        }
        else
        {
            var last = hint[(hint.LastIndexOf('/') + 1)..];
            foreach (var suffix in new[] { ".json", ".schema" })
            {
                if (last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    last = last[..^suffix.Length];
                }
            }

            parts = last.Split('.', ':');
        }

        var name = parts.Length > 0 && _schemas.ContainsKey(parts[0]) ? parts[0] : null;
        var tier = parts.Length > 1 ? TryParseName<TenantType>(parts[1]) : null;
        return (name, tier);
    }

    // Only a top-level "$schema" string counts; the reader stops at the first malformed token (the validator reports it).
    private static bool HasRootSchemaMember(ReadOnlySpan<byte> utf8Json, out string value)
    {
        value = string.Empty;
        if (utf8Json.IndexOf("\"$schema\""u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isHint = reader.ValueTextEquals("$schema"u8);
                reader.Read();
                if (isHint && reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString()!;
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}

/// <summary>A schema named by a document's <c>"$schema"</c> member, and the document to validate.</summary>
internal sealed record SchemaHint(string? Name, TenantType? Tier, ReadOnlyMemory<byte> Document);

internal sealed record DocumentOutcome(bool IsValid, IReadOnlyList<FluentValidation.Results.ValidationFailure> Failures);
