using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TenancySchemas.Json;

/// <summary>
/// Reads a document straight from its bytes, with serializer options that refuse everything the
/// <see cref="StructureScanner"/> and the <see cref="DocumentInspector"/> report: besides what the reader's options
/// already refuse (malformed JSON, wrong kinds, nulls for non-nullable members, missing required members, duplicate
/// members, unknown enum values, timestamps without offsets), unknown members anywhere, null items in lists, sets and
/// maps, numbers beyond <see cref="double"/>, non-Unicode text inside JSON values, nesting beyond the limit, and the
/// forms of a member that its parent check acts on. Most documents are well formed, and for them scanning, parsing
/// into a document tree, inspecting the tree and deserializing the tree was the larger part of a read (a typical
/// alert: 11.8 us that way, 6.2 us this way). When this pass refuses a document, the caller scans and inspects it as
/// before, and their errors are the answer: this class only decides when a document needs no inspection, never what
/// its errors are.
/// </summary>
/// <remarks>
/// <c>DirectReadTests</c> reads thousands of damaged documents of every schema both ways and requires the same
/// answer; it found that the serializer reads <c>1e400</c> as infinity (hence <see cref="FiniteDoubleConverter"/>) and
/// that null items must be refused while reading (hence <see cref="NullRefusingCollectionConverter"/>).
/// </remarks>
internal sealed class DirectRead
{
    /// <summary>
    /// The <see cref="AppContext"/> switch that turns the direct read off, so that every document is parsed and
    /// inspected before it is deserialized (for example to compare the two).
    /// </summary>
    public const string InspectEveryDocumentSwitch = "TenancySchemas.Json.InspectEveryDocument";

    private readonly JsonSerializerOptions _options;
    private readonly JsonSerializerOptions _refusing;
    private readonly JsonSerializerOptions _records;
    private readonly ConcurrentDictionary<Type, (JsonTypeInfo Records, JsonTypeInfo Refusing)?> _typeInfos = new();

    private DirectRead(JsonSerializerOptions options, int maxDepth)
    {
        _options = options;

        // The structure scan's limits too, so that a document read here needs no scan: the same nesting limit, and
        // valid text in JSON values (every other string is checked as it is read).
        _refusing = new JsonSerializerOptions(options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            MaxDepth = maxDepth,
            TypeInfoResolver = options.TypeInfoResolver!.WithAddedModifier(UseDirectForms),
        };
        _refusing.Converters.Add(new CheckedJsonElementConverter());
        _refusing.Converters.Add(new FiniteDoubleConverter());
        _refusing.Converters.Add(new NullRefusingCollectionConverter());
        _refusing.MakeReadOnly();

        // The same, with the records read straight into their setters; what that refuses is read with _refusing.
        _records = new JsonSerializerOptions(_refusing);
        _records.Converters.Add(new DirectRecordConverterFactory(_refusing));
        _records.MakeReadOnly();
    }

    /// <summary>
    /// Creates the direct read for the reader's options, or <see langword="null"/> when the switch turns it off. (When
    /// unknown nested members are accepted, documents that have them are refused here and read by the inspector.)
    /// </summary>
    /// <param name="options">The reader's serializer options.</param>
    /// <param name="maxDepth">The nesting limit of the structure scan.</param>
    public static DirectRead? Create(JsonSerializerOptions options, int maxDepth) =>
        AppContext.TryGetSwitch(InspectEveryDocumentSwitch, out var inspectEvery) && inspectEvery ? null : new DirectRead(options, maxDepth);

    /// <summary>
    /// Deserializes <paramref name="utf8Json"/> when nothing in it needs the inspector's attention.
    /// </summary>
    /// <returns><see langword="true"/> with the record; <see langword="false"/> when the document must be inspected.</returns>
    public bool TryRead<T>(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        if (TypeInfo(typeof(T)) is not var (records, refusing))
        {
            return false;
        }

        if (records.Converter is DirectRecordConverter<T> direct)
        {
            try
            {
                value = direct.ReadDocument(utf8Json, _records);
                return true;
            }
            catch (NotSupportedException)
            {
                // What the record reader is unsure of is the serializer's object converter's to read, below.
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                // The serializer would refuse it too (see DirectRecordConverterFactory.Refused): the inspector says why.
                return false;
            }
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8Json, (JsonTypeInfo<T>)refusing);
            return value is not null;
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            // Whatever the pass refused, the inspector says what is wrong (or, if the refusal was the pass's own
            // strictness, reads the document after all). Neither attempt assigned the value before throwing.
            return false;
        }
    }

    private static bool IsRefusal(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException;

    // A member whose value must agree with its siblings is read in its direct form, which refuses the forms the
    // parent check and the reader's fix-up act on (the object form of a tenant's features moves numbers into quotas).
    private static void UseDirectForms(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.CustomConverter is IParentInspectingConverter { DirectForm: { } direct })
            {
                property.CustomConverter = direct;
            }
        }
    }

    // A type is read directly when the inspector has a shape for every type it holds and each member that needs its
    // siblings has a direct form; any other type goes the inspecting way (which refuses a type it has no shape for).
    private (JsonTypeInfo Records, JsonTypeInfo Refusing)? TypeInfo(Type type) => _typeInfos.GetOrAdd(type, static (type, self) =>
        ReadsOnItsOwn(self._options, type, []) ? (self._records.GetTypeInfo(type), self._refusing.GetTypeInfo(type)) : null, this);

    private static bool ReadsOnItsOwn(JsonSerializerOptions options, Type type, HashSet<Type> visited)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!visited.Add(type) || type == typeof(JsonElement) || type == typeof(string) || type == typeof(DateTimeOffset) ||
            type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            return true;
        }

        var info = options.GetTypeInfo(type);
        return info.Converter is IWireEnumConverter or IInspectingConverter || info.Kind switch
        {
            JsonTypeInfoKind.Object => info.Properties.All(p => p.CustomConverter is not IParentInspectingConverter { DirectForm: null } && ReadsOnItsOwn(options, p.PropertyType, visited)),
            JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => ReadsOnItsOwn(options, info.ElementType!, visited),
            _ => false,
        };
    }

    // The serializer accepts null items in lists, sets and maps whatever the item type's nullability (it checks
    // members only); the inspector refuses them unless the item type is a value type. The records cannot show it
    // afterwards (their setters turn a null map in a list into an empty one), so the collections refuse them as they
    // are read. They are read straight into the collections the records keep (ValueList, ValueSet, ValueMap), which the
    // setters keep as they are: the serializer's List or Dictionary would be copied once more by every setter.
    private sealed class NullRefusingCollectionConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => Shape(typeToConvert) is not null;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        {
            var (definition, item) = Shape(typeToConvert)!.Value;
            var converter = definition == typeof(IReadOnlyList<>) ? typeof(ListConverter<>).MakeGenericType(item)
                : definition == typeof(IReadOnlySet<>) ? typeof(SetConverter<>).MakeGenericType(item)
                : typeof(MapConverter<>).MakeGenericType(item);
            return (JsonConverter)Activator.CreateInstance(converter)!;
        }

        private static (Type Definition, Type Item)? Shape(Type type)
        {
            if (!type.IsGenericType)
            {
                return null;
            }

            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GenericTypeArguments;
            var item = definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlySet<>) ? arguments[0]
                : definition == typeof(IReadOnlyDictionary<,>) && arguments[0] == typeof(string) ? arguments[1]
                : null;
            // Value-type items are read here too (their nulls judged as the serializer judges them), into the records' own
            // collections; nullable ones are left to the serializer.
            return item is null || Nullable.GetUnderlyingType(item) is not null ? null : (definition, item);
        }

        /// <summary>Reads one item; strings directly (as the serializer's own string converter would), others by their contract.</summary>
        private sealed class Items<T>
        {
            private JsonTypeInfo<T>? _contract;

            public T Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
            {
                // A value type's null is its converter's to judge, as in the serializer's own collections (a JSON value
                // reads it as a null element, a number refuses it).
                if (reader.TokenType == JsonTokenType.Null && !typeof(T).IsValueType)
                {
                    throw new JsonException("A list, set or map holds a null item.");
                }

                if (typeof(T) == typeof(string))
                {
                    return (T)(object)JsonTokens.ReadString(ref reader);
                }

                // Looked up on first use, not when the converter is created: a record may hold lists of itself. A record
                // read straight into its setters, or a value read by its own converter, needs no read state of the
                // serializer's (the value converters judge a value type's null themselves, as the serializer lets them).
                var contract = _contract ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
                return contract.Kind == JsonTypeInfoKind.None || contract.Converter is DirectRecordConverter<T>
                    ? ((JsonConverter<T>)contract.Converter).Read(ref reader, typeof(T), options)!
                    : JsonSerializer.Deserialize(ref reader, contract)!;
            }
        }

        // A list, read into the array its record keeps (the setter keeps a ValueList as it is).
        private sealed class ListConverter<T> : JsonConverter<IReadOnlyList<T>>
        {
            private readonly Items<T> _items = new();

            public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                JsonTokens.Expect(ref reader, JsonTokenType.StartArray);
                using var items = ItemBuffer<T>.Rent();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(_items.Read(ref reader, options));
                }

                return Common.ValueList<T>.Adopt(items.ToArray());
            }

            public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, (IEnumerable<T>)value, options);
        }

        // A set, built as the serializer builds it (a repeated item counts once) into the set its record keeps.
        private sealed class SetConverter<T> : JsonConverter<IReadOnlySet<T>>
            where T : notnull
        {
            private readonly Items<T> _items = new();

            public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                JsonTokens.Expect(ref reader, JsonTokenType.StartArray);
                var items = new HashSet<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(_items.Read(ref reader, options));
                }

                return Common.ValueSet<T>.Adopt(items);
            }

            public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, (IEnumerable<T>)value, options);
        }

        private sealed class MapConverter<T> : JsonConverter<IReadOnlyDictionary<string, T>>
        {
            private readonly Items<T> _items = new();

            public override IReadOnlyDictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                JsonTokens.Expect(ref reader, JsonTokenType.StartObject);
                var items = new Dictionary<string, T>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    if (!items.TryAdd(key, _items.Read(ref reader, options)))
                    {
                        throw new JsonException("A map holds a member twice.");
                    }
                }

                return Common.ValueMap<T>.Adopt(items);
            }

            public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.ToDictionary(), options);
        }
    }

    // A JSON value is kept as its text, which the serializer does not decode: its strings are checked here as the
    // structure scan would.
    private sealed class CheckedJsonElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            StructureScanner.IsValidValue(reader) ? JsonElement.ParseValue(ref reader) : throw new JsonException("Invalid text in a JSON value.");

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
    }

    // The serializer reads a number beyond double's range as infinity; the inspector refuses it.
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
                ? value
                : throw new JsonException("Expected a finite number.");

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
