using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Common;

/// <summary>Whether a <see cref="Threshold"/> holds a number or a text.</summary>
public enum ThresholdKind
{
    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON string.</summary>
    Text,
}

/// <summary>
/// A value that is a number or a text, as alert thresholds and warning metric values are on the wire.
/// <c>Number(80)</c> and <c>Text("80")</c> are different values, but <see cref="TryGetNumber"/> accepts both, as the
/// original module coerced numeric strings.
/// </summary>
[JsonConverter(typeof(ThresholdConverter))]
public readonly record struct Threshold
{
    private Threshold(ThresholdKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    /// <summary>Gets whether this is a number or a text.</summary>
    public ThresholdKind Kind { get; }

    /// <summary>Gets the number; 0 when <see cref="Kind"/> is <see cref="ThresholdKind.Text"/>.</summary>
    public double Number { get; }

    /// <summary>Gets the text; <see langword="null"/> when <see cref="Kind"/> is <see cref="ThresholdKind.Number"/>.</summary>
    public string? Text { get; }

    /// <summary>Creates a number threshold.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The threshold.</returns>
    public static Threshold FromNumber(double number) => new(ThresholdKind.Number, number, null);

    /// <summary>Creates a text threshold.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The threshold.</returns>
    public static Threshold FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(ThresholdKind.Text, 0, text);
    }

    /// <summary>Converts a number to a threshold.</summary>
    /// <param name="number">The number.</param>
    public static implicit operator Threshold(double number) => FromNumber(number);

    /// <summary>Converts a text to a threshold.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator Threshold(string text) => FromText(text);

    /// <summary>Gets the numeric value: the number, or a text that parses as a finite invariant-culture number.</summary>
    /// <param name="value">The number, when there is one.</param>
    /// <returns><see langword="true"/> when the threshold is numeric.</returns>
    public bool TryGetNumber(out double value)
    {
        if (Kind == ThresholdKind.Number)
        {
            value = Number;
            return double.IsFinite(value);
        }

        return double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Returns the number in invariant culture, or the text.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => Kind == ThresholdKind.Number ? Number.ToString("R", CultureInfo.InvariantCulture) : Text ?? string.Empty;
}

/// <summary>A JSON number reads as a number threshold and a JSON string as a text threshold; anything else is an error.</summary>
internal sealed class ThresholdConverter : JsonConverter<Threshold>, IInspectingConverter
{
    public override Threshold Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number) => Threshold.FromNumber(number),
        JsonTokenType.String => Threshold.FromText(reader.GetString()!),
        _ => throw new JsonException("Expected a number or a string."),
    };

    public override void Write(Utf8JsonWriter writer, Threshold value, JsonSerializerOptions options)
    {
        if (value.Kind == ThresholdKind.Number)
        {
            writer.WriteNumberValue(value.Number);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }

    public void Inspect(JsonElement value, InspectionState state)
    {
        var ok = value.ValueKind == JsonValueKind.String ||
            (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number));
        if (!ok)
        {
            state.InvalidKind("threshold");
        }
    }
}
