using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TenancySchemas.Json;

/// <summary>
/// Reads the schema records straight into their setters, following their contract (<see cref="JsonContract"/>: member
/// names, required members, each member's converter, the record's creation with its defaults, its after-read callback).
/// The serializer's own object converter is general — streaming, reference handling, polymorphism, constructor
/// parameters — and keeps a read state for every member; a record needs none of it (<c>JsonReadCostBenchmarks</c>
/// measures both on the same contract). What the contract refuses it refuses with a <see cref="JsonException"/>: an
/// unknown (below the root, skipped when unknown nested members are allowed), repeated or missing required member, or
/// a null the member does not take. <c>RecordReaderTests</c> reads every bundled document and thousands of damaged
/// ones with it and with the serializer's own converter on the same contract, and requires the same answers.
/// </summary>
/// <param name="contracts">The options whose contracts the records follow (the wire options without this factory).</param>
/// <param name="ignoreUnknownNestedMembers">Whether unknown members below the root are skipped rather than refused.</param>
internal sealed class RecordConverterFactory(JsonSerializerOptions contracts, bool ignoreUnknownNestedMembers) : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsClass && !typeToConvert.IsAbstract && typeToConvert.Assembly == typeof(RecordConverterFactory).Assembly &&
        IsPlainRecord(contracts.GetTypeInfo(typeToConvert));

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(RecordConverter<>).MakeGenericType(typeToConvert), contracts.GetTypeInfo(typeToConvert), ignoreUnknownNestedMembers)!;

    // A record is read here when its contract asks for no more than members set one by one and a callback after them:
    // no polymorphism, constructor parameters, number handling, extension data or populated members, every member set
    // by its property's own setter, and at most 64 members (a read marks them in one word). Any other type is read by
    // the serializer's own converter, with the same options.
    private static bool IsPlainRecord(JsonTypeInfo info) =>
        info.Kind == JsonTypeInfoKind.Object && info.CreateObject is not null && info.OnDeserializing is null &&
        info.PolymorphismOptions is null && info.NumberHandling is null && info.PreferredPropertyObjectCreationHandling != JsonObjectCreationHandling.Populate &&
        info.Properties.Count <= 64 &&
        info.Properties.All(p => !p.IsExtensionData && p.NumberHandling is null && p.ObjectCreationHandling != JsonObjectCreationHandling.Populate &&
            (p.CustomConverter is null || p.CustomConverter.Type == p.PropertyType) &&
            p.Set is not null && p.AttributeProvider is PropertyInfo { SetMethod: not null });

    /// <summary>Reads one member's value and sets it.</summary>
    /// <param name="utf8Name">The member's name in documents.</param>
    internal abstract class Member(byte[] utf8Name)
    {
        public byte[] Utf8Name { get; } = utf8Name;

        // The setter is the property's own, which the reflection contract calls too.
        public static Member For(JsonPropertyInfo property)
        {
            var setter = ((PropertyInfo)property.AttributeProvider!).SetMethod!;
            var member = typeof(Member<,>).MakeGenericType(setter.DeclaringType!, property.PropertyType);
            return (Member)Activator.CreateInstance(member, setter, property.CustomConverter, property.IsSetNullable, Encoding.UTF8.GetBytes(property.Name))!;
        }

        public abstract void Read(ref Utf8JsonReader reader, object record, JsonSerializerOptions options);
    }

    private sealed class Member<TDeclaring, TValue> : Member
        where TDeclaring : class
    {
        private readonly Action<TDeclaring, TValue> _set;
        private readonly bool _takesNull;

        // Kept, since typeof(TValue) in code shared by reference types is a runtime lookup on every read.
        private readonly Type _type = typeof(TValue);
        private JsonConverter<TValue>? _converter;

        public Member(MethodInfo setter, JsonConverter? customConverter, bool isSetNullable, byte[] utf8Name)
            : base(utf8Name)
        {
            _set = setter.CreateDelegate<Action<TDeclaring, TValue>>();
            _converter = (JsonConverter<TValue>?)customConverter;
            _takesNull = isSetNullable && default(TValue) is null;
        }

        public override void Read(ref Utf8JsonReader reader, object record, JsonSerializerOptions options)
        {
            // Looked up on first use, not when the converter is created: a record may hold lists of itself.
            var converter = _converter ??= (JsonConverter<TValue>)options.GetTypeInfo(_type).Converter;
            TValue value;
            if (reader.TokenType != JsonTokenType.Null || (converter.HandleNull && default(TValue) is not null))
            {
                // A value type's converter that handles nulls judges them itself, as the serializer lets it.
                value = converter.Read(ref reader, _type, options)!;
            }
            else if (_takesNull)
            {
                value = default!;
            }
            else
            {
                // A member that does not take a null (the contract respects nullable annotations; a value type takes
                // none unless it is nullable) is refused, as the serializer refuses it.
                throw new JsonException("The member does not take a null.");
            }

            _set(Unsafe.As<TDeclaring>(record), value);
        }
    }
}

/// <summary>Reads one record type (see <see cref="RecordConverterFactory"/>); writes it by its contract.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class RecordConverter<T> : JsonConverter<T>
{
    private readonly JsonTypeInfo<T> _contract;
    private readonly Func<object> _create;
    private readonly Action<object>? _afterRead;
    private readonly RecordConverterFactory.Member[] _members;
    private readonly ulong _required;
    private readonly bool _skipsUnknownNested;

    /// <summary>Initializes a new instance of the <see cref="RecordConverter{T}"/> class from the record's contract.</summary>
    /// <param name="contract">The record's contract.</param>
    /// <param name="ignoreUnknownNestedMembers">Whether unknown members below the root are skipped rather than refused.</param>
    public RecordConverter(JsonTypeInfo contract, bool ignoreUnknownNestedMembers)
    {
        _contract = (JsonTypeInfo<T>)contract;
        _create = contract.CreateObject!;
        _afterRead = contract.OnDeserialized;
        _skipsUnknownNested = ignoreUnknownNestedMembers;
        _members = [.. contract.Properties.Select(RecordConverterFactory.Member.For)];
        for (var i = 0; i < _members.Length; i++)
        {
            _required |= contract.Properties[i].IsRequired ? 1UL << i : 0;
        }
    }

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonTokens.Expect(ref reader, JsonTokenType.StartObject);
        var root = reader.CurrentDepth == 0;
        var record = _create();
        ulong seen = 0;
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = Find(ref reader, next);
            reader.Read();
            if (index < 0)
            {
                if (root || !_skipsUnknownNested)
                {
                    throw new JsonException("An unknown member.");
                }

                reader.Skip();
                continue;
            }

            var bit = 1UL << index;
            if ((seen & bit) != 0)
            {
                throw new JsonException("A member twice.");
            }

            seen |= bit;
            _members[index].Read(ref reader, record, options);
            next = index + 1;
        }

        if ((seen & _required) != _required)
        {
            throw new JsonException("A required member is missing.");
        }

        _afterRead?.Invoke(record);
        return (T)record;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, _contract);

    // Members mostly come in the contract's order (as written): the one after the last is tried first. An escaped name
    // is compared unescaped.
    private int Find(ref Utf8JsonReader reader, int next)
    {
        if (reader.ValueIsEscaped)
        {
            for (var i = 0; i < _members.Length; i++)
            {
                if (reader.ValueTextEquals(_members[i].Utf8Name))
                {
                    return i;
                }
            }

            return -1;
        }

        var name = reader.ValueSpan;
        if (next < _members.Length && name.SequenceEqual(_members[next].Utf8Name))
        {
            return next;
        }

        for (var i = 0; i < _members.Length; i++)
        {
            if (name.SequenceEqual(_members[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }
}
