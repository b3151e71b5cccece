using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenancySchemas.Json;

/// <summary>ISO-8601 timestamps that must carry an offset or <c>Z</c>.</summary>
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

        return TryParseCommon(text, out value) || DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// The shape nearly every document uses, <c>yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±HH:mm)</c>, parsed by hand: the
    /// general parser costs microseconds per value and a document has several. Anything else, and any value this
    /// path refuses, goes to the general parser, which stays the authority.
    /// </summary>
    private static bool TryParseCommon(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
            !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 7)
            {
                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            if (i == start || (i < s.Length && char.IsAsciiDigit(s[i])))
            {
                return false;
            }

            for (var scale = i - start; scale < 7; scale++)
            {
                fraction *= 10;
            }
        }

        TimeSpan offset;
        if (i == s.Length - 1 && s[i] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':' && Digits(s, i + 1, 2, out var offsetHours) && Digits(s, i + 4, 2, out var offsetMinutes) &&
            offsetHours <= 14 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            offset = s[i] == '-' ? -offset : offset;
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 ||
            Math.Abs(offset.Ticks) > TimeSpan.TicksPerHour * 14)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
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
