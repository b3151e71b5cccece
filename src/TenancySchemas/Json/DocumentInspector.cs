using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TenancySchemas.Validation;

namespace TenancySchemas.Json;

/// <summary>One read error before localization: a code, a JSON path and the message's named arguments.</summary>
internal readonly record struct ReadError(string Code, string Path, KeyValuePair<string, object?>[] Args)
{
    public static ReadError Create(string code, string path, params (string Name, object? Value)[] args) =>
        new(code, path, [.. args.Select(a => KeyValuePair.Create(a.Name, a.Value)), KeyValuePair.Create<string, object?>("Path", path)]);
}

/// <summary>A converter that can check a JSON value itself, reporting every problem instead of the first.</summary>
internal interface IInspectingConverter
{
    void Inspect(JsonElement value, InspectionState state);
}

/// <summary>An enumeration converter whose wire values can be checked without knowing the enumeration at compile time.</summary>
internal interface IWireEnumConverter
{
    string EnumName { get; }

    bool IsDefined(string wire);
}

/// <summary>
/// The state of one inspection: where it is, what it found. At most <c>maxErrors</c> errors are kept; past them the
/// inspection goes on counting (no path, no message), so that a hostile document's errors cost a counter each.
/// </summary>
internal sealed class InspectionState(bool ignoreUnknownNestedMembers, int maxErrors = int.MaxValue)
{
    public JsonPathBuilder Path { get; } = new();

    public List<ReadError> Errors { get; } = [];

    public bool IgnoreUnknownNestedMembers { get; } = ignoreUnknownNestedMembers;

    /// <summary>Gets the number of errors found past the bound and not kept.</summary>
    public int Dropped { get; private set; }

    /// <summary>Gets or sets how many objects deep the inspection is (the root object is 0).</summary>
    public int ObjectLevel { get; set; } = -1;

    /// <summary>Adds an error at the current path.</summary>
    public void Add(string code, params (string Name, object? Value)[] args)
    {
        if (Keeps())
        {
            Errors.Add(ReadError.Create(code, Path.Current, args));
        }
    }

    /// <summary>Adds an error at the enclosing object's path (an unknown member is the object's problem).</summary>
    public void AddToParent(string code, params (string Name, object? Value)[] args)
    {
        if (Keeps())
        {
            Errors.Add(ReadError.Create(code, Path.Parent, args));
        }
    }

    private bool Keeps()
    {
        if (Errors.Count < maxErrors)
        {
            return true;
        }

        Dropped++;
        return false;
    }

    public void InvalidKind(string expected) =>
        Add(TenancyErrorCodes.JsonInvalidKind, ("Expected", new MessageText("expected." + expected)));
}

/// <summary>A localizable fragment of a message (such as "an integer"), resolved when the message is built, with its own placeholders.</summary>
internal readonly record struct MessageText(string Key, params (string Name, object? Value)[] Args)
{
    /// <summary>The fragment in the caller's language.</summary>
    public string Localize() => Localization.TenancyStringLocalizer.Instance.Format(Key, [.. (Args ?? []).Select(a => KeyValuePair.Create(a.Name, a.Value))]);
}

/// <summary>
/// Checks a parsed document against the shape of a record type, as System.Text.Json's contract for it describes
/// the type, and reports every read error with its JSON path (all read errors of a document, not only the
/// first). It is the single authority on what the reader accepts; deserialization runs only on a document it passed.
/// </summary>
internal sealed class DocumentInspector(JsonSerializerOptions options)
{
    private readonly ConcurrentDictionary<Type, Shape> _shapes = new();

    public void Inspect(JsonElement root, Type type, InspectionState state) => ShapeOf(type).Inspect(root, state);

    private Shape ShapeOf(Type type) => _shapes.GetOrAdd(type, CreateShape);

    private Shape CreateShape(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return ShapeOf(underlying);
        }

        if (WireScalars.Table.TryGetValue(type, out var scalar))
        {
            return scalar.Expected is null ? (type == typeof(DateTimeOffset) ? TimestampShape.Instance : AnyShape.Instance) : new ScalarShape(scalar.Expected, scalar.Accepts);
        }

        var info = options.GetTypeInfo(type);
        return info.Converter switch
        {
            IWireEnumConverter wireEnum => new EnumShape(wireEnum),
            IInspectingConverter inspecting => new CustomShape(inspecting),
            _ => info.Kind switch
            {
                JsonTypeInfoKind.Object => new ObjectShape(this, info),
                JsonTypeInfoKind.Enumerable => new ListShape(this, info.ElementType!),
                JsonTypeInfoKind.Dictionary => new MapShape(this, info.ElementType!),
                _ => throw new NotSupportedException($"The reader has no shape for {type}."),
            },
        };
    }

    private static bool AllowsNull(Type type) => Nullable.GetUnderlyingType(type) is not null || type == typeof(JsonElement);

    private abstract class Shape
    {
        public abstract void Inspect(JsonElement value, InspectionState state);
    }

    // A JSON value: any value is taken, and its secret-looking members are checked as reading opens them.
    private sealed class AnyShape : Shape
    {
        public static readonly AnyShape Instance = new();

        public override void Inspect(JsonElement value, InspectionState state) => Security.SecretEntries.Inspect(null, value, state);
    }

    private sealed class ScalarShape(string expected, Func<JsonElement, bool> accepts) : Shape
    {
        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (!accepts(value))
            {
                state.InvalidKind(expected);
            }
        }
    }

    private sealed class TimestampShape : Shape
    {
        public static readonly TimestampShape Instance = new();

        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (value.ValueKind != JsonValueKind.String || !WireTimestamp.TryParse(value.GetString()!, out _))
            {
                state.Add(TenancyErrorCodes.JsonTimestampOffset);
            }
        }
    }

    private sealed class EnumShape(IWireEnumConverter converter) : Shape
    {
        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                state.InvalidKind("string");
            }
            else if (value.GetString() is { } text && !converter.IsDefined(text))
            {
                state.Add(TenancyErrorCodes.JsonUnknownEnumValue, ("Value", MessageValue.Quote(text)), ("EnumType", converter.EnumName));
            }
        }
    }

    private sealed class CustomShape(IInspectingConverter converter) : Shape
    {
        public override void Inspect(JsonElement value, InspectionState state) => converter.Inspect(value, state);
    }

    private sealed class ListShape(DocumentInspector owner, Type elementType) : Shape
    {
        private readonly bool _elementAllowsNull = AllowsNull(elementType);
        private Shape? _element;

        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                state.InvalidKind("array");
                return;
            }

            var element = _element ??= owner.ShapeOf(elementType);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                state.Path.PushIndex(index++);
                if (item.ValueKind == JsonValueKind.Null && !_elementAllowsNull)
                {
                    state.Add(TenancyErrorCodes.JsonNullNotAllowed, ("Member", $"[{index - 1}]"));
                }
                else
                {
                    element.Inspect(item, state);
                }

                state.Path.Pop();
            }
        }
    }

    private sealed class MapShape(DocumentInspector owner, Type valueType) : Shape
    {
        private readonly bool _valueAllowsNull = AllowsNull(valueType);
        private readonly bool _secretValues = valueType == typeof(string) || valueType == typeof(JsonElement);
        private Shape? _value;

        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                state.InvalidKind("object");
                return;
            }

            var shape = _value ??= owner.ShapeOf(valueType);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in value.EnumerateObject())
            {
                var name = member.Name;
                state.Path.PushMember(name);
                if (!seen.Add(name))
                {
                    state.Add(TenancyErrorCodes.JsonMalformed, ("Detail", new MessageText("detail.duplicate_member")));
                }
                else if (member.Value.ValueKind == JsonValueKind.Null && !_valueAllowsNull)
                {
                    state.Add(TenancyErrorCodes.JsonNullNotAllowed, ("Member", name));
                }
                else if (_secretValues && Security.SecretNames.IsSecret(name))
                {
                    // A secret-looking key's value is read as a sensitive member's is (see SecretEntries).
                    if (valueType == typeof(string) && member.Value.ValueKind != JsonValueKind.String)
                    {
                        state.InvalidKind("string");
                    }
                    else
                    {
                        Security.SecretEntries.Inspect(name, member.Value, state);
                    }
                }
                else
                {
                    shape.Inspect(member.Value, state);
                }

                state.Path.Pop();
            }
        }
    }

    private sealed class ObjectShape : Shape
    {
        private readonly DocumentInspector _owner;
        private readonly Dictionary<string, Member> _members;
        private readonly Dictionary<string, Member>.AlternateLookup<ReadOnlySpan<char>> _byName;
        private readonly Member[] _required;
        private readonly Shape?[] _shapes;
        private readonly IParentInspectingConverter[] _parentChecks;

        public ObjectShape(DocumentInspector owner, JsonTypeInfo info)
        {
            _owner = owner;
            _members = new Dictionary<string, Member>(StringComparer.Ordinal);
            foreach (var property in info.Properties)
            {
                var allowsNull = property.PropertyType.IsValueType ? AllowsNull(property.PropertyType) : property.IsSetNullable;
                _members[property.Name] = new Member(_members.Count, property.Name, property.PropertyType, property.IsRequired, allowsNull, property.CustomConverter as IInspectingConverter);
            }

            _byName = _members.GetAlternateLookup<ReadOnlySpan<char>>();
            _shapes = new Shape?[_members.Count];
            _required = [.. _members.Values.Where(m => m.Required)];
            _parentChecks = [.. _members.Values.Select(m => m.Converter).OfType<IParentInspectingConverter>().Distinct()];
        }

        public override void Inspect(JsonElement value, InspectionState state)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                state.InvalidKind("object");
                return;
            }

            // Known members are tracked by index (no set per object on the hot path); unknown ones only when they occur.
            state.ObjectLevel++;
            Span<bool> seen = _members.Count <= 256 ? stackalloc bool[_members.Count] : new bool[_members.Count];
            HashSet<string>? unknown = null;
            foreach (var property in value.EnumerateObject())
            {
                // A known member is found from the document's bytes and named by the contract's own string; only an
                // unknown one costs a new string (JsonProperty.Name allocates on every access).
                var member = Find(property);
                var name = member?.Name ?? property.Name;
                state.Path.PushMember(name);
                if (member is null)
                {
                    if (!(unknown ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                    {
                        state.Add(TenancyErrorCodes.JsonMalformed, ("Detail", new MessageText("detail.duplicate_member")));
                    }
                    else if (state.ObjectLevel == 0 || !state.IgnoreUnknownNestedMembers)
                    {
                        state.AddToParent(TenancyErrorCodes.JsonUnknownMember, ("Member", MessageValue.Quote(name)));
                    }
                }
                else if (seen[member.Index])
                {
                    state.Add(TenancyErrorCodes.JsonMalformed, ("Detail", new MessageText("detail.duplicate_member")));
                }
                else
                {
                    seen[member.Index] = true;
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        if (!member.AllowsNull)
                        {
                            state.Add(TenancyErrorCodes.JsonNullNotAllowed, ("Member", name));
                        }
                    }
                    else if (member.Converter is not null)
                    {
                        member.Converter.Inspect(property.Value, state);
                    }
                    else
                    {
                        // Shapes are looked up once per member, not per document (lazily: records may nest themselves).
                        (_shapes[member.Index] ??= _owner.ShapeOf(member.Type)).Inspect(property.Value, state);
                    }
                }

                state.Path.Pop();
            }

            foreach (var required in _required)
            {
                if (!seen[required.Index])
                {
                    state.Add(TenancyErrorCodes.JsonMissingMember, ("Member", required.Name));
                }
            }

            foreach (var check in _parentChecks)
            {
                check.InspectParent(value, state);
            }

            state.ObjectLevel--;
        }

        private Member? Find(JsonProperty property)
        {
            var utf8 = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
            Span<char> chars = stackalloc char[64];

            // Escaped or long names take the general way; the contract's names are short and never need escaping.
            if (utf8.Length > chars.Length || utf8.Contains((byte)'\\'))
            {
                return _members.TryGetValue(property.Name, out var named) ? named : null;
            }

            return System.Text.Encoding.UTF8.TryGetChars(utf8, chars, out var length) && _byName.TryGetValue(chars[..length], out var member) ? member : null;
        }

        private sealed record Member(int Index, string Name, Type Type, bool Required, bool AllowsNull, IInspectingConverter? Converter);
    }
}

/// <summary>A converter whose value has a JSON Schema of its own (a member with two wire forms, for instance).</summary>
internal interface IDescribedConverter
{
    /// <summary>The JSON Schema of the values it reads.</summary>
    System.Text.Json.Nodes.JsonObject JsonSchema();
}

/// <summary>A member converter whose value must also agree with its sibling members (the object form of <c>features</c> and <c>quotas</c>).</summary>
internal interface IParentInspectingConverter : IInspectingConverter
{
    void InspectParent(JsonElement parent, InspectionState state);
}

/// <summary>Makes document text safe to quote in a message: bounded length, control characters escaped.</summary>
internal static class MessageValue
{
    public static string Quote(string text, int maxLength = 64)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text.Length > maxLength ? text[..maxLength] : text)
        {
            if (char.IsControl(c) || c is '\u200e' or '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069'))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > maxLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
