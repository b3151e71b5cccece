using System.Text.Json;
using TenancySchemas.Validation;

namespace TenancySchemas.Json;

/// <summary>
/// A first pass over the raw bytes: is this JSON at all, and does it nest too deeply? It stops at the first problem
/// (nothing after malformed JSON can be trusted) and says where it is. Most documents have none, so the pass runs
/// without tracking paths first and repeats with paths only for a document that failed it.
/// </summary>
internal static class StructureScanner
{
    public static bool Scan(ReadOnlySpan<byte> utf8Json, int maxDepth, List<ReadError> errors) =>
        Pass(utf8Json, maxDepth, errors: null) || Pass(utf8Json, maxDepth, errors);

    // One pass; with errors == null it neither tracks the path nor allocates, and only answers.
    private static bool Pass(ReadOnlySpan<byte> utf8Json, int maxDepth, List<ReadError>? errors)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth + 2, CommentHandling = JsonCommentHandling.Disallow });
        var path = errors is null ? null : new JsonPathBuilder();
        var containers = errors is null ? null : new Stack<(bool IsArray, int NextIndex)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path?.PushMember(ReadText(ref reader) ?? "?");
                        if (!IsValidText(ref reader))
                        {
                            errors?.Add(ReadError.Create(TenancyErrorCodes.JsonMalformed, path!.Current, ("Detail", new MessageText("detail.invalid_utf8"))));
                            return false;
                        }

                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        EnterValue(path, containers);
                        if (reader.CurrentDepth >= maxDepth)
                        {
                            errors?.Add(ReadError.Create(TenancyErrorCodes.JsonTooDeep, path!.Current, ("Limit", maxDepth)));
                            return false;
                        }

                        containers?.Push((reader.TokenType == JsonTokenType.StartArray, 0));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers?.Pop();
                        LeaveValue(path, containers);
                        continue;
                    default:
                        EnterValue(path, containers);
                        if (reader.TokenType == JsonTokenType.String && !IsValidText(ref reader))
                        {
                            errors?.Add(ReadError.Create(TenancyErrorCodes.JsonMalformed, path!.Current, ("Detail", new MessageText("detail.invalid_utf8"))));
                            return false;
                        }

                        LeaveValue(path, containers);
                        continue;
                }
            }
        }
        catch (JsonException exception)
        {
            errors?.Add(ReadError.Create(TenancyErrorCodes.JsonMalformed, path!.Current, ("Detail", Describe(exception))));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether every member name and string in the value at <paramref name="reader"/> (a whole object or array, or one
    /// string) is valid text, as <see cref="Scan"/> requires; the reader itself does not move.
    /// </summary>
    public static bool IsValidValue(Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return reader.TokenType != JsonTokenType.String || IsValidText(ref reader);
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && !IsValidText(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    // The reader checks structure, not the text inside strings: invalid UTF-8 and lone surrogate escapes would
    // otherwise surface later as exceptions from GetString.
    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        return ReadText(ref reader) is not null;
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // A value inside an array gets its index pushed; a value after a member name already has the name.
    private static void EnterValue(JsonPathBuilder? path, Stack<(bool IsArray, int NextIndex)>? containers)
    {
        if (path is not null && containers is not null && containers.TryPeek(out var top) && top.IsArray)
        {
            path.PushIndex(top.NextIndex);
            containers.Pop();
            containers.Push((true, top.NextIndex + 1));
        }
    }

    private static void LeaveValue(JsonPathBuilder? path, Stack<(bool IsArray, int NextIndex)>? containers)
    {
        if (path is not null && containers is not null && containers.Count > 0)
        {
            path.Pop();
        }
    }

    // Where the reader stopped, in the caller's language (the reader's own message is English, and names its internals).
    private static MessageText Describe(JsonException exception) =>
        new("detail.syntax", ("Line", (exception.LineNumber ?? 0) + 1), ("Column", (exception.BytePositionInLine ?? 0) + 1));
}
