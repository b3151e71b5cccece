using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TenancySchemas.Json;

/// <summary>
/// Reads the schema records for <see cref="DirectRead"/> straight into their setters. The serializer's own object
/// converter is general (streaming, reference handling, polymorphism, constructor parameters) and keeps a read state
/// for every member, which was most of a read: a typical alert takes 5.5 us that way, 3.95 us this way
/// (<c>JsonReadCostBenchmarks</c>). This converter finds each member by the contract's order, reads it with the
/// member's converter and calls its setter. What the serializer would refuse with the same contract (an unknown,
/// repeated or missing required member, a null the member does not take, content after the document) it refuses too
/// (<see cref="Refused"/>), and the document is inspected; what it is unsure of (an escaped member name, a member
/// without a setter, a null whose converter may want it) it leaves to the serializer's object converter
/// (<see cref="Unsure"/>), so the answers stay the serializer's. The contract it follows (members, names, required
/// members, converters, the records' creation with their defaults) is the reader's own, resolved once per type.
/// </summary>
/// <param name="contracts">The options whose contracts the records are read by (the direct read's refusing options).</param>
internal sealed class DirectRecordConverterFactory(JsonSerializerOptions contracts) : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsClass && !typeToConvert.IsAbstract && typeToConvert.Assembly == typeof(DirectRecordConverterFactory).Assembly &&
        IsPlainRecord(contracts.GetTypeInfo(typeToConvert));

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(DirectRecordConverter<>).MakeGenericType(typeToConvert), contracts.GetTypeInfo(typeToConvert))!;

    /// <summary>
    /// The exception that refuses what the serializer's object converter refuses too (the same options and contract):
    /// the document goes straight to the inspector, which says what is wrong.
    /// </summary>
    /// <param name="what">What was refused.</param>
    /// <returns>The exception to throw.</returns>
    internal static JsonException Refused(string what) => new($"The direct read refuses {what}.");

    /// <summary>
    /// The exception that leaves a document to the serializer's object converter, which may read what this reader is
    /// unsure of (an escaped member name, some nulls): not a data error, so not a <see cref="JsonException"/>.
    /// </summary>
    /// <param name="what">What is left.</param>
    /// <returns>The exception to throw.</returns>
    internal static NotSupportedException Unsure(string what) => new($"The record reader leaves {what} to the serializer.");

    // A record is read here when nothing in its contract asks for more than members set one by one: no callbacks,
    // polymorphism, constructor parameters, number handling, extension data or populated members, and at most 64
    // members (the read marks them in one word).
    private static bool IsPlainRecord(JsonTypeInfo info) =>
        info.Kind == JsonTypeInfoKind.Object && info.CreateObject is not null && info.OnDeserializing is null && info.OnDeserialized is null &&
        info.PolymorphismOptions is null && info.NumberHandling is null && info.PreferredPropertyObjectCreationHandling != JsonObjectCreationHandling.Populate &&
        info.Properties.Count <= 64 &&
        info.Properties.All(p => !p.IsExtensionData && p.NumberHandling is null && p.ObjectCreationHandling != JsonObjectCreationHandling.Populate &&
            (p.CustomConverter is null || p.CustomConverter.Type == p.PropertyType) &&
            (p.Set is null || p.AttributeProvider is PropertyInfo { SetMethod: not null }));

    /// <summary>Reads one member's value and sets it.</summary>
    /// <param name="utf8Name">The member's name in documents.</param>
    internal abstract class Member(byte[] utf8Name)
    {
        public byte[] Utf8Name { get; } = utf8Name;

        // The setter is the property's own, which the reflection contract calls too (no modifier of the reader's
        // replaces a member's Set; one that did would have to be read by the serializer instead).
        public static Member For(JsonPropertyInfo property)
        {
            var name = Encoding.UTF8.GetBytes(property.Name);
            if (property.Set is null)
            {
                return new Unsettable(name);
            }

            var setter = ((PropertyInfo)property.AttributeProvider!).SetMethod!;
            var member = typeof(Member<,>).MakeGenericType(setter.DeclaringType!, property.PropertyType);
            return (Member)Activator.CreateInstance(member, setter, property.CustomConverter, property.IsSetNullable, property.Options.RespectNullableAnnotations, name)!;
        }

        public abstract void Read(ref Utf8JsonReader reader, object record, JsonSerializerOptions options);
    }

    // A member without a setter is left to the serializer, which decides what its value means.
    private sealed class Unsettable(byte[] utf8Name) : Member(utf8Name)
    {
        public override void Read(ref Utf8JsonReader reader, object record, JsonSerializerOptions options) => throw Unsure("a member without a setter");
    }

    private sealed class Member<TDeclaring, TValue> : Member
        where TDeclaring : class
    {
        private readonly Action<TDeclaring, TValue> _set;
        private readonly bool _takesNull;
        private readonly bool _refusesNull;
        // Kept, since typeof(TValue) in code shared by reference types is a runtime lookup on every read.
        private readonly Type _type = typeof(TValue);
        private JsonConverter<TValue>? _converter;

        public Member(MethodInfo setter, JsonConverter? customConverter, bool isSetNullable, bool respectsNullableAnnotations, byte[] utf8Name)
            : base(utf8Name)
        {
            _set = setter.CreateDelegate<Action<TDeclaring, TValue>>();
            _converter = (JsonConverter<TValue>?)customConverter;
            _takesNull = isSetNullable && default(TValue) is null;
            _refusesNull = !isSetNullable && default(TValue) is null && respectsNullableAnnotations;
        }

        public override void Read(ref Utf8JsonReader reader, object record, JsonSerializerOptions options)
        {
            // Looked up on first use, not when the converter is created: a record may hold lists of itself.
            var converter = _converter ??= (JsonConverter<TValue>)options.GetTypeInfo(_type).Converter;
            TValue value;
            if (reader.TokenType != JsonTokenType.Null || (converter.HandleNull && default(TValue) is not null))
            {
                value = converter.Read(ref reader, _type, options)!;
            }
            else if (_takesNull && !converter.HandleNull)
            {
                // The serializer sets the null itself when the converter leaves nulls to it.
                value = default!;
            }
            else
            {
                // A reference member that does not take a null is refused by the serializer too (it respects nullable
                // annotations); a value type's null is its converter's to judge, and that converter may want it.
                throw _refusesNull && !converter.HandleNull ? Refused("a null") : Unsure("a null");
            }

            _set(Unsafe.As<TDeclaring>(record), value);
        }
    }
}

/// <summary>Reads one record type (see <see cref="DirectRecordConverterFactory"/>).</summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class DirectRecordConverter<T> : JsonConverter<T>
{
    private readonly Func<object> _create;
    private readonly DirectRecordConverterFactory.Member[] _members;
    private readonly ulong _required;
    private readonly bool _refusesDuplicates;
    private readonly bool _refusesUnknown;

    /// <summary>Initializes a new instance of the <see cref="DirectRecordConverter{T}"/> class from the record's contract.</summary>
    /// <param name="contract">The record's contract in the direct read's refusing options.</param>
    public DirectRecordConverter(JsonTypeInfo contract)
    {
        _create = contract.CreateObject!;
        _refusesDuplicates = !contract.Options.AllowDuplicateProperties;
        _refusesUnknown = (contract.UnmappedMemberHandling ?? contract.Options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow;
        _members = [.. contract.Properties.Select(DirectRecordConverterFactory.Member.For)];
        for (var i = 0; i < _members.Length; i++)
        {
            _required |= contract.Properties[i].IsRequired ? 1UL << i : 0;
        }
    }

    /// <summary>Reads a whole document (as <see cref="JsonSerializer"/> would, without its read state).</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="options">The direct read's options.</param>
    /// <returns>The record.</returns>
    /// <exception cref="JsonException">The document is refused (or malformed).</exception>
    public T ReadDocument(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = options.ReadCommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        if (!reader.Read())
        {
            throw DirectRecordConverterFactory.Refused("an empty document");
        }

        var record = Read(ref reader, typeof(T), options);
        return reader.Read() ? throw DirectRecordConverterFactory.Refused("content after the document") : record;
    }

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonTokens.Expect(ref reader, JsonTokenType.StartObject);
        var record = _create();
        ulong seen = 0;
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = Find(ref reader, next);
            var bit = 1UL << index;
            if ((seen & bit) != 0)
            {
                throw _refusesDuplicates ? DirectRecordConverterFactory.Refused("a member twice") : DirectRecordConverterFactory.Unsure("a member twice");
            }

            seen |= bit;
            reader.Read();
            _members[index].Read(ref reader, record, options);
            next = index + 1;
        }

        return (seen & _required) == _required ? (T)record : throw DirectRecordConverterFactory.Refused("a required member missing");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        throw new NotSupportedException("The direct read only reads.");

    // Members mostly come in the contract's order (as written): the one after the last is tried first.
    private int Find(ref Utf8JsonReader reader, int next)
    {
        if (reader.ValueIsEscaped)
        {
            throw DirectRecordConverterFactory.Unsure("an escaped member name");
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

        throw _refusesUnknown ? DirectRecordConverterFactory.Refused("an unknown member") : DirectRecordConverterFactory.Unsure("an unknown member");
    }
}
