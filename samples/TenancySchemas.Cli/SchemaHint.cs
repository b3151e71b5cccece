using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TenancySchemas.Cli;

/// <summary>
/// What a document's root <c>"$schema"</c> member says. <see cref="Value"/> is set when the member was found;
/// <see cref="Problem"/> when the member itself cannot be used (it is the document's error); <see cref="Malformed"/>
/// when the JSON broke before any such member, which matters only if nothing else tells the schema.
/// </summary>
/// <param name="Value">The member's string value.</param>
/// <param name="MemberStart">Where the member's name starts, in bytes.</param>
/// <param name="MemberEnd">Where the member's value ends, in bytes.</param>
/// <param name="Problem">Why the member cannot be used (not a string, repeated, not UTF-8).</param>
/// <param name="Malformed">Where and how the JSON before the member is malformed.</param>
internal readonly record struct SchemaHint(string? Value, int MemberStart, int MemberEnd, string? Problem, string? Malformed)
{
    /// <summary>No member (or none within the bytes read).</summary>
    public static SchemaHint None => default;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads the root members of a document with <see cref="Utf8JsonReader"/> (values are skipped, never parsed) to find
    /// <c>"$schema"</c>; a leading byte order mark is skipped as the library does. A document that does not contain
    /// the text <c>"$schema"</c> is not read at all.
    /// </summary>
    /// <param name="utf8Json">The document, or its first bytes.</param>
    /// <param name="isComplete">
    /// Whether <paramref name="utf8Json"/> is the whole document. When it is only the beginning of one, the member is
    /// looked for in the bytes there are, and a repetition after them goes unnoticed.
    /// </param>
    /// <param name="maxDepth">The deepest nesting to skip over (the library's limit: a deeper document is refused anyway).</param>
    public static SchemaHint Find(ReadOnlySpan<byte> utf8Json, bool isComplete, int maxDepth)
    {
        if (utf8Json.IndexOf("\"$schema\""u8) < 0)
        {
            return None;
        }

        var offset = utf8Json.StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
        var reader = new Utf8JsonReader(utf8Json[offset..], isComplete, new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth + 2 }));
        var found = None;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Not an object: the library names the problem.
                return None;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = offset + (int)reader.TokenStartIndex;
                var isHint = reader.ValueTextEquals("$schema"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (!isHint)
                {
                    if (!reader.TrySkip())
                    {
                        break;
                    }

                    continue;
                }

                if (found.Value is not null)
                {
                    return Trouble("\"$schema\" appears more than once.");
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return Trouble($"\"$schema\" is {Kind(reader.TokenType)}, not a string naming a schema.");
                }

                found = new SchemaHint(reader.GetString(), start, offset + (int)reader.BytesConsumed, null, null);
                if (!isComplete)
                {
                    // What follows was not read: a repeated member there is left to the size limit's refusal.
                    return found;
                }
            }
        }
        catch (JsonException exception)
        {
            if (found.Value is not null)
            {
                // The member was read before the break: the library reports the malformed JSON with its path.
                return found;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}");
            return new SchemaHint(null, 0, 0, null, reader.CurrentDepth >= maxDepth
                ? $"the document nests deeper than {maxDepth} levels before any \"$schema\" member ({where})"
                : $"the document is not valid JSON before any \"$schema\" member ({where})");
        }
        catch (InvalidOperationException)
        {
            // GetString on text that is not UTF-8.
            return Trouble("\"$schema\" is not valid Unicode text.");
        }

        return found;

        static SchemaHint Trouble(string problem) => new(null, 0, 0, problem, null);

        static string Kind(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            _ => "null",
        };
    }

    /// <summary>
    /// Removes the member from the document in place: from its name to the end of its value, with one comma next to it
    /// (the one after it, else the one before it), so the rest of the document is left byte for byte as it was.
    /// </summary>
    /// <param name="utf8Json">The document the member was found in.</param>
    /// <returns>The document's new length.</returns>
    public int RemoveFrom(Span<byte> utf8Json)
    {
        int start = MemberStart, end = MemberEnd;
        var after = end;
        while (after < utf8Json.Length && IsWhitespace(utf8Json[after]))
        {
            after++;
        }

        if (after < utf8Json.Length && utf8Json[after] == (byte)',')
        {
            end = after + 1;
        }
        else
        {
            var before = start - 1;
            while (before >= 0 && IsWhitespace(utf8Json[before]))
            {
                before--;
            }

            if (before >= 0 && utf8Json[before] == (byte)',')
            {
                start = before;
            }
        }

        utf8Json[end..].CopyTo(utf8Json[start..]);
        return utf8Json.Length - (end - start);

        static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    /// <summary>A value from a document, fit for one line of a message: quoted, escaped, at most 60 characters of it.</summary>
    public static string Quote(string value)
    {
        var shown = value.Length <= 60 ? value : value[..(char.IsHighSurrogate(value[59]) ? 59 : 60)];
        return $"\"{JsonEncodedText.Encode(shown, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}{(shown.Length < value.Length ? "…" : string.Empty)}\"";
    }
}
