using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TenancySchemas.Security;

namespace TenancySchemas.Json;

/// <summary>
/// The one definition of the wire format (<c>docs/json.md</c>): snake_case members, enumerations as their wire strings, timestamps
/// with offsets, no coercion between kinds, unknown and repeated members refused, null items refused, numbers within
/// <see cref="double"/>, text that is Unicode. Every reader and writer of the library — <see cref="TenancyJson"/>, the
/// inspector that names a refused document's problems, the JSON Schema export — and every app that uses
/// <see cref="TenancyJson.SerializerOptions"/> with <see cref="JsonSerializer"/> reads and writes through it.
/// </summary>
internal static class JsonContract
{
    /// <summary>Creates the wire options: records read by <see cref="RecordConverterFactory"/>, straight into their setters.</summary>
    /// <param name="timeProvider">The clock that fills omitted <c>created_at</c>-style members.</param>
    /// <param name="limits">The reader's limits.</param>
    public static JsonSerializerOptions Create(TimeProvider timeProvider, TenancyJsonOptions limits)
    {
        var contracts = CreateContracts(timeProvider, limits);
        return limits.ReadRecordsDirectly ? Create(timeProvider, limits, strict: true, new RecordConverterFactory(contracts, limits.IgnoreUnknownNestedMembers)) : contracts;
    }

    /// <summary>
    /// The same options without the record converter: the contracts the record converter follows, read (and written)
    /// by the serializer's own object converter.
    /// </summary>
    public static JsonSerializerOptions CreateContracts(TimeProvider timeProvider, TenancyJsonOptions limits) => Create(timeProvider, limits, strict: true, records: null);

    /// <summary>
    /// The same contracts with the serializer's own converters for numbers, JSON values and collections, whose shapes
    /// it can describe: for the inspector, which names a refused document's problems by walking them (it checks what
    /// those converters refuse itself), and for the JSON Schema export.
    /// </summary>
    public static JsonSerializerOptions CreateShapes(TimeProvider timeProvider, TenancyJsonOptions limits) => Create(timeProvider, limits, strict: false, records: null);

    private static JsonSerializerOptions Create(TimeProvider timeProvider, TenancyJsonOptions limits, bool strict, JsonConverterFactory? records)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = limits.MaxDepth,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver()
                .WithAddedModifier(info => FillNowOnCreate(info, timeProvider))
                .WithAddedModifier(ProtectSensitiveMembers)
                .WithAddedModifier(FinishAfterRead),
        };
        options.Converters.Add(new WireTimestampConverter());
        if (strict)
        {
            options.Converters.Add(new FiniteDoubleConverter());
            options.Converters.Add(new CheckedJsonElementConverter());
            options.Converters.Add(new ValueCollectionConverterFactory());
        }

        if (records is not null)
        {
            options.Converters.Add(records);
        }

        options.MakeReadOnly();
        return options;
    }

    // A record that finishes itself after its members are read (IAfterRead) is called by the contract.
    private static void FinishAfterRead(JsonTypeInfo info)
    {
        if (info.Kind == JsonTypeInfoKind.Object && typeof(IAfterRead).IsAssignableFrom(info.Type))
        {
            info.OnDeserialized = static record => ((IAfterRead)record).AfterRead();
        }
    }

    // Every member marked [Sensitive] goes through the field-protection converters (encrypt on write, decrypt on read).
    private static void ProtectSensitiveMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || !member.IsDefined(typeof(SensitiveAttribute), inherit: true))
            {
                continue;
            }

            property.CustomConverter = property.PropertyType switch
            {
                var t when t == typeof(string) => new SensitiveStringConverter(),
                var t when t == typeof(IReadOnlyList<string>) => new SensitiveStringListConverter(),
                var t when t == typeof(IReadOnlyDictionary<string, string>) => new SensitiveStringMapConverter(),
                _ => property.CustomConverter,
            };
        }
    }

    // Source generation would be preferable, but its object initializers overwrite the records' property
    // initializers with default values for every member a document omits (dotnet/runtime#84484), which breaks
    // every "= x" default of the records. The reflection contract keeps them; this modifier adds "defaults to now".
    private static void FillNowOnCreate(JsonTypeInfo info, TimeProvider timeProvider)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.CreateObject is not { } create)
        {
            return;
        }

        var nowMembers = info.Properties
            .Where(p => p.AttributeProvider is MemberInfo member && member.IsDefined(typeof(DefaultsToNowAttribute), inherit: true) && p.Set is not null)
            .ToArray();
        if (nowMembers.Length == 0)
        {
            return;
        }

        info.CreateObject = () =>
        {
            var instance = create();
            var now = timeProvider.GetUtcNow();
            foreach (var member in nowMembers)
            {
                member.Set!(instance, now);
            }

            return instance;
        };
    }
}
