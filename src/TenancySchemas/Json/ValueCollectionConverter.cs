using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TenancySchemas.Json;

/// <summary>
/// Lists, sets and string-keyed maps, read straight into the collections the records keep (<c>ValueList</c>,
/// <c>ValueSet</c>, <c>ValueMap</c>, which the setters keep as they are), refusing null items: the serializer's own
/// collections accept a null item whatever the item type's nullability (it checks members only), and the records
/// cannot show it afterwards (their setters turn a null map in a list into an empty one).
/// </summary>
internal sealed class ValueCollectionConverterFactory : JsonConverterFactory
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
            return contract.Kind == JsonTypeInfoKind.None || contract.Converter is RecordConverter<T>
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

    // A map; the values under secret-looking keys are protected as sensitive members are (see SecretEntries).
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
                var value = _items.Read(ref reader, options);
                if (!items.TryAdd(key, value switch
                {
                    string text => (T)(object)Security.SecretEntries.Read(key, text),
                    JsonElement element when Security.SecretNames.IsSecret(key) => (T)(object)Security.SecretEntries.Read(key, element),
                    _ => value,
                }))
                {
                    throw new JsonException("A map holds a member twice.");
                }
            }

            return Common.ValueMap<T>.Adopt(items);
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                writer.WritePropertyName(key);
                switch (item)
                {
                    case string text:
                        writer.WriteStringValue(Security.SecretEntries.Write(key, text));
                        break;
                    case JsonElement element:
                        Security.SecretEntries.Write(writer, key, element);
                        break;
                    default:
                        JsonSerializer.Serialize(writer, item, options);
                        break;
                }
            }

            writer.WriteEndObject();
        }
    }
}
