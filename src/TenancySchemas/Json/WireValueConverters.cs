using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenancySchemas.Json;

/// <summary>
/// A JSON value, kept as its text (which the serializer does not decode): its strings are checked as the structure scan
/// checks them, and its secret-looking members are protected.
/// </summary>
internal sealed class CheckedJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StructureScanner.IsValidValue(reader) ? Security.SecretEntries.Read(null, JsonElement.ParseValue(ref reader)) : throw new JsonException("Invalid text in a JSON value.");

    // Secret-looking members inside the value are protected as sensitive members are (see SecretEntries).
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => Security.SecretEntries.Write(writer, null, value);
}

/// <summary>A number within <see cref="double"/>'s range: the serializer would read a larger one as infinity.</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new JsonException("Expected a finite number.");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
