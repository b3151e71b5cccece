using System.Text.Json;
using System.Text.Json.Nodes;
using TenancySchemas.Json;

namespace TenancySchemas.Security;

/// <summary>
/// Values under secret-looking names (<see cref="SecretNames"/>) in maps and free-form JSON, protected like the
/// <c>[Sensitive]</c> members by the current <see cref="FieldProtection"/>: written as an envelope when values are
/// encrypted (a JSON value's envelope holds its JSON text), opened on read, refused as plaintext where ciphertext is
/// required. Without a protection in force (an app's own <see cref="JsonSerializer"/> call) values pass as they are.
/// </summary>
internal static class SecretEntries
{
    /// <summary>A map entry's string as it is written.</summary>
    public static string Write(string key, string value) =>
        SecretNames.IsSecret(key) && FieldProtection.Current is { } protection ? protection.Write(value) : value;

    /// <summary>A map entry's string as it is read.</summary>
    public static string Read(string key, string value) => SecretNames.IsSecret(key) ? FieldProtection.Read(value) : value;

    /// <summary>Writes a JSON value under a name: the whole value sealed when the name is secret, else its secret members.</summary>
    public static void Write(Utf8JsonWriter writer, string? name, JsonElement value)
    {
        if (name is not null && SecretNames.IsSecret(name) && FieldProtection.Current is { Mode: not ProtectionMode.Plain } protection)
        {
            writer.WriteStringValue(protection.Write(value.GetRawText()));
            return;
        }

        if (FieldProtection.Current is not { Mode: not ProtectionMode.Plain } || !HasSecretMember(value, 0))
        {
            value.WriteTo(writer);
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Name, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, null, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A JSON value under a name as it is read: a secret name's envelope opened back into the JSON value it sealed,
    /// and the same for its secret members. A value without secret members is returned as it is.
    /// </summary>
    public static JsonElement Read(string? name, JsonElement value)
    {
        if (name is not null && SecretNames.IsSecret(name))
        {
            return Open(value);
        }

        return HasSecretMember(value, 0) ? Rebuild(value) : value;
    }

    // A secret name's value: an envelope holds JSON text; plaintext is kept unless ciphertext is required.
    private static JsonElement Open(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith(FieldProtection.EnvelopePrefix, StringComparison.Ordinal))
        {
            var text = FieldProtection.Read(value.GetString()!);
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new UndecryptableValueException();
            }
        }

        if (FieldProtection.Current?.RequiresCiphertext == true && value.ValueKind != JsonValueKind.Null)
        {
            throw new PlaintextSensitiveValueException();
        }

        return value;
    }

    private static JsonElement Rebuild(JsonElement value)
    {
        var node = JsonNode.Parse(value.GetRawText())!;
        Rebuild(node);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void Rebuild(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    if (child is null)
                    {
                        continue;
                    }

                    if (SecretNames.IsSecret(name))
                    {
                        var opened = Open(JsonSerializer.SerializeToElement(child));
                        obj[name] = JsonNode.Parse(opened.GetRawText());
                    }
                    else
                    {
                        Rebuild(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rebuild(item);
                    }
                }

                break;
        }
    }

    // Most JSON values have no secret member: they are read and written as they are, without a copy.
    private static bool HasSecretMember(JsonElement value, int depth)
    {
        if (depth > 64)
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    if (SecretNames.IsSecret(member.Name) || HasSecretMember(member.Value, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (HasSecretMember(item, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Checks the secret entries of a JSON value as reading would, naming each problem at its path (for the inspector).</summary>
    public static void Inspect(string? name, JsonElement value, InspectionState state, int depth = 0)
    {
        if (depth > 64)
        {
            return;
        }

        if (name is not null && SecretNames.IsSecret(name))
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                FieldProtection.Inspect(value, state);
            }
            else if (FieldProtection.Current?.RequiresCiphertext == true && value.ValueKind != JsonValueKind.Null)
            {
                state.Add(Validation.TenancyErrorCodes.PlaintextSensitiveValue, ("PropertyName", state.Path.Current));
            }

            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    state.Path.PushMember(member.Name);
                    Inspect(member.Name, member.Value, state, depth + 1);
                    state.Path.Pop();
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    state.Path.PushIndex(index++);
                    Inspect(null, item, state, depth + 1);
                    state.Path.Pop();
                }

                break;
        }
    }
}
