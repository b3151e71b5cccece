using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenancySchemas.Json;

/// <summary>The wire strings of an enumeration, read once from its <see cref="JsonStringEnumMemberNameAttribute"/>s.</summary>
internal static class WireEnum<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName;
    private static readonly FrozenDictionary<T, string> ByValue;

    static WireEnum()
    {
        var names = new Dictionary<string, T>(StringComparer.Ordinal);
        var values = new Dictionary<T, string>();
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = (T)field.GetValue(null)!;
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no wire name.");
            names.Add(name, value);
            values.Add(value, name);
        }

        ByName = names.ToFrozenDictionary(StringComparer.Ordinal);
        ByValue = values.ToFrozenDictionary();
        Names = [.. values.OrderBy(pair => pair.Key).Select(pair => pair.Value)];
    }

    /// <summary>Gets the wire strings in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; }

    public static bool TryParse(string wire, out T value) => ByName.TryGetValue(wire, out value);

    /// <summary>The wire string, or the number for a value the enumeration does not define (for messages only).</summary>
    public static string ToWireOrNumber(T value) =>
        ByValue.TryGetValue(value, out var name) ? name : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsDefined(T value) => ByValue.ContainsKey(value);

    public static string ToWire(T value) =>
        ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");
}

/// <summary>Extension methods that give an enumeration value its wire string.</summary>
internal static class WireEnumExtensions
{
    public static string ToWire<T>(this T value)
        where T : struct, Enum => WireEnum<T>.ToWire(value);

    public static string ToWireOrNumber<T>(this T value)
        where T : struct, Enum => WireEnum<T>.ToWireOrNumber(value);
}

/// <summary>Reads and writes an enumeration as its exact wire string; numbers and unknown strings are errors.</summary>
internal sealed class WireEnumConverter<T> : JsonConverter<T>, IWireEnumConverter
    where T : struct, Enum
{
    public string EnumName => typeof(T).Name;

    public bool IsDefined(string wire) => WireEnum<T>.TryParse(wire, out _);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && WireEnum<T>.TryParse(reader.GetString()!, out var value))
        {
            return value;
        }

        throw new JsonException($"Expected one of the {typeof(T).Name} wire values.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireEnum<T>.ToWire(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireEnum<T>.TryParse(reader.GetString()!, out var value) ? value : throw new JsonException($"Expected one of the {typeof(T).Name} wire values.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(WireEnum<T>.ToWire(value));
}
