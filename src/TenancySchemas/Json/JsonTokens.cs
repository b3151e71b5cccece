using System.Text.Json;

namespace TenancySchemas.Json;

/// <summary>
/// What the reader's own converters expect of the next token. They read only what the inspector accepts and refuse
/// anything else, so that a document read by the serializer is held to the rules the inspector names.
/// </summary>
internal static class JsonTokens
{
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token}.");
        }
    }

    public static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }
}
