using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenancySchemas.Json;

/// <summary>The wire strings of an enumeration, read once from its <see cref="JsonStringEnumMemberNameAttribute"/>s.</summary>
/// <remarks>
/// The tables are keyed by the value's number in one <see cref="WireEnumTable"/> per enumeration, not by the
/// enumeration itself: generic collections over each of the library's enumerations would each be compiled at first
/// use, a noticeable part of a cold start, where tables over numbers share one compiled copy.
/// </remarks>
internal static class WireEnum<T>
    where T : struct, Enum
{
    // Zero- or sign-extended as the underlying type is: every value gets its own number, and numbers sort as values do
    // (except 64-bit unsigned values above long.MaxValue, which no enumeration of the library has).
    private static readonly bool IsUnsigned = Type.GetTypeCode(typeof(T).GetEnumUnderlyingType()) is TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;

    private static readonly WireEnumTable Table = Build();

    /// <summary>Gets the wire strings in the order of their values.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    public static bool TryParse(string wire, out T value)
    {
        if (Table.TryParse(wire, out var number))
        {
            value = FromNumber(number);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The wire string, or the number for a value the enumeration does not define (for messages only).</summary>
    public static string ToWireOrNumber(T value) =>
        Table.TryGetName(ToNumber(value), out var name) ? name : ToNumber(value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsDefined(T value) => Table.TryGetName(ToNumber(value), out _);

    public static string ToWire(T value) =>
        Table.TryGetName(ToNumber(value), out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");

    private static WireEnumTable Build()
    {
        var entries = new List<(string Name, long Number)>();
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no wire name.");
            entries.Add((name, ToNumber((T)field.GetValue(null)!)));
        }

        return new WireEnumTable(entries);
    }

    private static long ToNumber(T value) => Unsafe.SizeOf<T>() switch
    {
        1 => IsUnsigned ? Unsafe.As<T, byte>(ref value) : Unsafe.As<T, sbyte>(ref value),
        2 => IsUnsigned ? Unsafe.As<T, ushort>(ref value) : Unsafe.As<T, short>(ref value),
        4 => IsUnsigned ? Unsafe.As<T, uint>(ref value) : Unsafe.As<T, int>(ref value),
        _ => Unsafe.As<T, long>(ref value),
    };

    private static T FromNumber(long number)
    {
        // The low bytes of the number are the value's bytes (little- or big-endian alike, through the typed reads).
        T value = default;
        switch (Unsafe.SizeOf<T>())
        {
            case 1: Unsafe.As<T, byte>(ref value) = (byte)number; break;
            case 2: Unsafe.As<T, ushort>(ref value) = (ushort)number; break;
            case 4: Unsafe.As<T, uint>(ref value) = (uint)number; break;
            default: Unsafe.As<T, long>(ref value) = number; break;
        }

        return value;
    }
}

/// <summary>The wire strings of one enumeration by the numbers of its values, and the numbers by wire string.</summary>
internal sealed class WireEnumTable
{
    private readonly FrozenDictionary<string, long> _byName;
    private readonly FrozenDictionary<long, string> _byNumber;

    /// <param name="entries">Each value's wire string and number.</param>
    /// <exception cref="ArgumentException">Two values share a wire string or a number.</exception>
    public WireEnumTable(IReadOnlyList<(string Name, long Number)> entries)
    {
        var byName = new Dictionary<string, long>(entries.Count, StringComparer.Ordinal);
        var byNumber = new Dictionary<long, string>(entries.Count);
        foreach (var (name, number) in entries)
        {
            byName.Add(name, number);
            byNumber.Add(number, name);
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byNumber = byNumber.ToFrozenDictionary();
        Names = [.. entries.OrderBy(entry => entry.Number).Select(entry => entry.Name)];
    }

    /// <summary>Gets the wire strings in the order of their numbers.</summary>
    public IReadOnlyList<string> Names { get; }

    public bool TryParse(string wire, out long number) => _byName.TryGetValue(wire, out number);

    public bool TryGetName(long number, [NotNullWhen(true)] out string? name) => _byNumber.TryGetValue(number, out name);
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
