using System.Collections.Frozen;
using System.Text.Json;

namespace TenancySchemas.Json;

/// <summary>
/// The scalar member types of the wire format and what each accepts: the one table the inspector names read errors by
/// (the serializer's converters read the same). A member of any other type must be a record, an enumeration with a
/// wire converter, a list, set or string-keyed map of supported items, or have a converter that inspects itself; a test
/// walks every member of every schema and fails on one that is none of these.
/// </summary>
internal static class WireScalars
{
    /// <summary>The scalar types, each with the kind a message names and its check; no kind for values checked elsewhere (timestamps, JSON values).</summary>
    public static readonly FrozenDictionary<Type, (string? Expected, Func<JsonElement, bool> Accepts)> Table = new Dictionary<Type, (string?, Func<JsonElement, bool>)>
    {
        [typeof(string)] = ("string", e => e.ValueKind == JsonValueKind.String),
        [typeof(bool)] = ("boolean", e => e.ValueKind is JsonValueKind.True or JsonValueKind.False),
        [typeof(int)] = ("integer", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)),
        [typeof(long)] = ("integer", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _)),
        [typeof(double)] = ("number", e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && double.IsFinite(d)),
        [typeof(DateTimeOffset)] = (null, _ => true),
        [typeof(JsonElement)] = (null, _ => true),
    }.ToFrozenDictionary();
}
