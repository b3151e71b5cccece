using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

/// <summary>One schema of the catalog: reads and validates its documents, in one call or in two steps.</summary>
internal abstract class SchemaEntry(string name)
{
    public string Name { get; } = name;

    public abstract Type Type { get; }

    /// <summary>Reads a document; the result is for <see cref="Finish"/>.</summary>
    public abstract object Read(ReadOnlySpan<byte> utf8Json);

    /// <summary>
    /// Reads a document from a stream through the library, which holds at most the size limit of it: for documents
    /// known to be over the limit, which it refuses as <c>tenancy.json.document_too_large</c> (naming the size when the
    /// stream can tell it). The result is for <see cref="Finish"/>.
    /// </summary>
    public abstract object Read(Stream utf8Json);

    /// <summary>Validates what <see cref="Read(ReadOnlySpan{byte})"/> returned.</summary>
    public abstract DocumentOutcome Finish(object read, TenancyValidationContext? context);

    public DocumentOutcome Validate(ReadOnlySpan<byte> utf8Json, TenancyValidationContext? context) => Finish(Read(utf8Json), context);
}

/// <summary>The catalog entry of one schema type.</summary>
internal sealed class SchemaEntry<T>(string name, TenancyJson json, IServiceProvider services) : SchemaEntry(name)
    where T : class, ITenancyDocument
{
    // Resolved on first use: a run validates one or two schemas, and building every validator costs start-up time.
    private readonly Lazy<IValidator<T>> _validator = new(services.GetRequiredService<IValidator<T>>);

    public override Type Type => typeof(T);

    public override object Read(ReadOnlySpan<byte> utf8Json) => json.Read<T>(utf8Json);

    // The streams given here (a file, or bytes already in memory) complete their reads synchronously.
    public override object Read(Stream utf8Json) => json.ReadAsync<T>(utf8Json).GetAwaiter().GetResult();

    public override DocumentOutcome Finish(object read, TenancyValidationContext? context)
    {
        var result = json.Validate((TenancyReadResult<T>)read, _validator.Value, context);
        return new DocumentOutcome(result.IsValid, result.Errors);
    }
}

/// <summary>
/// The schemas the CLI knows, by the name used on the command line, in file names and in <c>"$schema"</c> hints, and
/// the names of the values its options take. Every list comes from the library (the schema registry, the wire names
/// of its enumerations, its supported locales), never from a hand-kept copy.
/// </summary>
internal sealed class SchemaCatalog
{
    private const string UrnPrefix = "urn:tenancy-schemas:";

    private readonly Dictionary<string, SchemaEntry> _schemas;

    public SchemaCatalog(IServiceProvider services)
    {
        var json = services.GetRequiredService<TenancyJson>();
        _schemas = SchemaRegistry.All.ToDictionary(schema => schema.Name, schema => schema.Accept(new EntryFactory(json, services)), StringComparer.Ordinal);
    }

    /// <summary>Gets the schema names, in the registry's order, for messages and help: <c>tenant-config, alert, …</c>.</summary>
    public static string NameList { get; } = string.Join(", ", SchemaRegistry.All.Select(schema => schema.Name));

    /// <summary>Gets the tiers by their wire names (<c>trial</c>, …), in the enumeration's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, TenantType>> Tiers { get; } = WireNames<TenantType>();

    /// <summary>Gets the isolation levels by their wire names (<c>strict</c>, …).</summary>
    public static IReadOnlyList<KeyValuePair<string, IsolationLevel>> IsolationLevels { get; } = WireNames<IsolationLevel>();

    public static string TierList { get; } = string.Join(", ", Tiers.Select(tier => tier.Key));

    public static string IsolationList { get; } = string.Join(", ", IsolationLevels.Select(level => level.Key));

    public static string LocaleList { get; } = string.Join(", ", TenancySchemaOptions.SupportedLocales);

    public static bool IsSchemaName(string name) => SchemaRegistry.Find(name) is not null;

    /// <summary>A tier by its wire name, case-insensitive.</summary>
    public static TenantType? ParseTier(string text) => Find(Tiers, text);

    /// <summary>An isolation level by its wire name, case-insensitive.</summary>
    public static IsolationLevel? ParseIsolation(string text) => Find(IsolationLevels, text);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SchemaEntry? entry) => _schemas.TryGetValue(name, out entry);

    public Type? TypeOf(string name) => _schemas.TryGetValue(name, out var entry) ? entry.Type : null;

    /// <summary>Infers the schema from a file name such as <c>tenant-config.trial.valid.json</c>: the longest known prefix.</summary>
    public SchemaEntry? InferFromFileName(string path)
    {
        var file = Path.GetFileName(path);
        var name = _schemas.Keys.Where(name => file.StartsWith(name + ".", StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault();
        return name is null ? null : _schemas[name];
    }

    /// <summary>The tier a file name announces (<c>alert.trial.valid.json</c>), if any.</summary>
    public static TenantType? TierFromName(string path)
    {
        foreach (var part in Path.GetFileName(path).Split('.'))
        {
            if (ParseTier(part) is { } tier)
            {
                return tier;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the value of a <c>"$schema"</c> member: a schema name (<c>"alert"</c>), the <c>$id</c> of an exported JSON
    /// Schema (<c>"urn:tenancy-schemas:alert:trial"</c>), or a URL whose last segment names the schema and optionally
    /// the tier (<c>…/alert.schema.json</c>, <c>…/alert.trial.schema.json</c>).
    /// </summary>
    /// <returns>The schema and the tier it names, or why it names none (one line, for the document's error).</returns>
    public (SchemaEntry? Entry, TenantType? Tier, string? Error) ParseHint(string hint)
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

        if (!_schemas.TryGetValue(parts[0], out var entry))
        {
            return (null, null, $"\"$schema\" {SchemaHint.Quote(hint)} names no known schema; known: {NameList}.");
        }

        if (parts.Length == 1)
        {
            return (entry, null, null);
        }

        return parts.Length == 2 && ParseTier(parts[1]) is { } tier
            ? (entry, tier, null)
            : (null, null, $"\"$schema\" {SchemaHint.Quote(hint)} names no known tier after '{entry.Name}'; tiers: {TierList}.");
    }

    // The names the serializer writes (JsonStringEnumMemberName), so that every list here is the contract's.
    private static KeyValuePair<string, TEnum>[] WireNames<TEnum>()
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(value => KeyValuePair.Create(JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, TenancyJson.DefaultSerializerOptions))!, value))];

    private static TEnum? Find<TEnum>(IReadOnlyList<KeyValuePair<string, TEnum>> names, string text)
        where TEnum : struct
    {
        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private sealed class EntryFactory(TenancyJson json, IServiceProvider services) : ISchemaVisitor<SchemaEntry>
    {
        public SchemaEntry Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument => new SchemaEntry<T>(schema.Name, json, services);
    }
}

internal sealed record DocumentOutcome(bool IsValid, IReadOnlyList<FluentValidation.Results.ValidationFailure> Failures);
