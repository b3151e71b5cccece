using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenancySchemas.Json;

/// <summary>ISO-8601 timestamps that must carry an offset or <c>Z</c> (spec §1.3).</summary>
internal static class WireTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length is < 17 or > 40 || !HasOffset(text))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static bool HasOffset(string text)
    {
        var last = text[^1];
        if (last is 'Z' or 'z')
        {
            return true;
        }

        // ±hh:mm or ±hhmm after the time part.
        var sign = text.Length - 6;
        if (sign > 10 && text[sign] is '+' or '-' && text[sign + 3] == ':')
        {
            return true;
        }

        sign = text.Length - 5;
        return sign > 10 && text[sign] is '+' or '-';
    }
}

/// <summary>Reads offset-carrying ISO-8601 timestamps and writes the round-trip format with the offset kept.</summary>
internal sealed class WireTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && WireTimestamp.TryParse(reader.GetString()!, out var value)
            ? value
            : throw new JsonException("Expected an ISO-8601 timestamp with an offset.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireTimestamp.Format(value));
}
