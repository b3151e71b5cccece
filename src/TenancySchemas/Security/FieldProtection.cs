using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using TenancySchemas.Common;
using TenancySchemas.Json;
using TenancySchemas.Validation;

namespace TenancySchemas.Security;

/// <summary>How sensitive values are written during one write.</summary>
internal enum ProtectionMode
{
    /// <summary>As they are (no protector configured, isolation not strict).</summary>
    Plain,

    /// <summary>As ciphertext envelopes under the tenant's purpose.</summary>
    Encrypt,

    /// <summary>Not at all: strict isolation without a protector refuses to write plaintext.</summary>
    Forbid,
}

/// <summary>
/// The field encryption of one JSON operation: the protector of one tenant (a Data Protection purpose per tenant, so
/// that tenant A's ciphertext does not open as tenant B's) and what to do with sensitive values. The tenant is the
/// caller's (see <see cref="TenancyJson"/>), never one a document names for another tenant. Set for the duration of a
/// synchronous serializer call or inspection; the sensitive-member converters read it. Without one (an app's own
/// <see cref="JsonSerializer"/> call), values are written as they are and envelopes cannot be opened.
/// </summary>
internal sealed class FieldProtection
{
    public const string EnvelopePrefix = "enc:v1:";
    private const string Purpose = "TenancySchemas.SensitiveFields.v1";

    [ThreadStatic]
    private static FieldProtection? _current;

    private FieldProtection(ProtectionMode mode, IDataProtector? protector, string? tenantId, bool requiresCiphertext)
    {
        Mode = mode;
        Protector = protector;
        TenantId = tenantId;
        RequiresCiphertext = requiresCiphertext;
    }

    public static FieldProtection? Current => _current;

    public ProtectionMode Mode { get; }

    public IDataProtector? Protector { get; }

    /// <summary>Gets the tenant whose purpose opens and seals values; <see langword="null"/> when there is none (nothing opens).</summary>
    public string? TenantId { get; }

    /// <summary>Gets a value indicating whether a plaintext value in a sensitive member is refused on read.</summary>
    public bool RequiresCiphertext { get; }

    /// <summary>Sets the protection of the calling thread until the result is disposed.</summary>
    /// <param name="provider">The Data Protection provider, if the app registered one.</param>
    /// <param name="tenantId">The tenant whose purpose applies; <see langword="null"/>: no purpose, so no envelope opens.</param>
    /// <param name="mode">How values are written.</param>
    /// <param name="requiresCiphertext">Whether reading refuses plaintext in a sensitive member.</param>
    public static Scope Begin(IDataProtectionProvider? provider, string? tenantId, ProtectionMode mode, bool requiresCiphertext = false)
    {
        var previous = _current;
        var protector = provider is null || string.IsNullOrEmpty(tenantId) ? null : provider.CreateProtector(Purpose, tenantId);
        _current = new FieldProtection(mode, protector, tenantId, requiresCiphertext);
        return new Scope(previous);
    }

    public string Write(string value) => Mode switch
    {
        ProtectionMode.Encrypt when Protector is not null => EnvelopePrefix + Protector.Protect(value),
        ProtectionMode.Encrypt => throw new InvalidOperationException("A sensitive value has no tenant to be encrypted for: set the tenant context, or give the document a tenant_id."),
        ProtectionMode.Forbid => throw new InvalidOperationException(
            "Strict isolation never writes sensitive values in plaintext: register ASP.NET Core Data Protection (services.AddDataProtection()) so that TenancyJson encrypts them."),
        _ => value,
    };

    /// <summary>Opens an envelope; a plaintext value stays as it is unless ciphertext is required.</summary>
    /// <exception cref="UndecryptableValueException">The envelope is another tenant's, tampered, or cannot be opened here.</exception>
    /// <exception cref="PlaintextSensitiveValueException">The value is plaintext where ciphertext is required.</exception>
    public static string Read(string value) => Open(value) switch
    {
        (Opened.Plain or Opened.Decrypted, var text) => text!,
        (Opened.PlaintextRefused, _) => throw new PlaintextSensitiveValueException(),
        _ => throw new UndecryptableValueException(),
    };

    /// <summary>What reading a value would give, without throwing (for the inspector).</summary>
    public static (Opened Outcome, string? Value) Open(string value)
    {
        if (!value.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            return _current?.RequiresCiphertext == true ? (Opened.PlaintextRefused, null) : (Opened.Plain, value);
        }

        if (_current?.Protector is not { } protector)
        {
            return (Opened.Undecryptable, null);
        }

        try
        {
            return (Opened.Decrypted, protector.Unprotect(value[EnvelopePrefix.Length..]));
        }
        catch (CryptographicException)
        {
            return (Opened.Undecryptable, null);
        }
    }

    /// <summary>Checks every string of a sensitive member's value as reading would, and names each problem at its path.</summary>
    public static void Inspect(JsonElement value, InspectionState state)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                InspectOne(value.GetString()!, state);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    state.Path.PushIndex(index++);
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        InspectOne(item.GetString()!, state);
                    }
                    else if (item.ValueKind == JsonValueKind.Null)
                    {
                        state.Add(TenancyErrorCodes.JsonNullNotAllowed, ("Member", $"[{index - 1}]"));
                    }
                    else
                    {
                        state.InvalidKind("string");
                    }

                    state.Path.Pop();
                }

                break;
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                {
                    state.Path.PushMember(member.Name);
                    if (!seen.Add(member.Name))
                    {
                        state.Add(TenancyErrorCodes.JsonMalformed, ("Detail", new MessageText("detail.duplicate_member")));
                    }
                    else if (member.Value.ValueKind == JsonValueKind.String)
                    {
                        InspectOne(member.Value.GetString()!, state);
                    }
                    else if (member.Value.ValueKind == JsonValueKind.Null)
                    {
                        state.Add(TenancyErrorCodes.JsonNullNotAllowed, ("Member", member.Name));
                    }
                    else
                    {
                        state.InvalidKind("string");
                    }

                    state.Path.Pop();
                }

                break;
            default:
                state.InvalidKind("string");
                break;
        }
    }

    private static void InspectOne(string value, InspectionState state)
    {
        switch (Open(value).Outcome)
        {
            case Opened.Undecryptable:
                state.Add(TenancyErrorCodes.UndecryptableValue, ("PropertyName", state.Path.Current), ("TenantId", MessageValue.Quote(_current?.TenantId ?? string.Empty)));
                break;
            case Opened.PlaintextRefused:
                state.Add(TenancyErrorCodes.PlaintextSensitiveValue, ("PropertyName", state.Path.Current));
                break;
        }
    }

    /// <summary>What reading one value gives.</summary>
    internal enum Opened
    {
        Plain,
        Decrypted,
        Undecryptable,
        PlaintextRefused,
    }

    /// <summary>Puts the previous protection back.</summary>
    internal readonly struct Scope(FieldProtection? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}

/// <summary>A ciphertext that is tampered, another tenant's, or unreadable without a protector.</summary>
internal sealed class UndecryptableValueException : JsonException
{
    public UndecryptableValueException()
        : base("A sensitive value could not be decrypted.")
    {
    }
}

/// <summary>A plaintext value in a sensitive member where ciphertext is required.</summary>
internal sealed class PlaintextSensitiveValueException : JsonException
{
    public PlaintextSensitiveValueException()
        : base("A sensitive value is plaintext where ciphertext is required.")
    {
    }
}

internal sealed class SensitiveStringConverter : JsonConverter<string>, IInspectingConverter
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FieldProtection.Read(JsonTokens.ReadString(ref reader));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(FieldProtection.Current?.Write(value) ?? value);

    public void Inspect(JsonElement value, InspectionState state)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            state.InvalidKind("string");
            return;
        }

        FieldProtection.Inspect(value, state);
    }
}

internal sealed class SensitiveStringListConverter : JsonConverter<IReadOnlyList<string>>, IInspectingConverter
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonTokens.Expect(ref reader, JsonTokenType.StartArray);
        using var items = ItemBuffer<string>.Rent();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(FieldProtection.Read(JsonTokens.ReadString(ref reader)));
        }

        return ValueList<string>.Adopt(items.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(FieldProtection.Current?.Write(item) ?? item);
        }

        writer.WriteEndArray();
    }

    public void Inspect(JsonElement value, InspectionState state)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            state.InvalidKind("array");
            return;
        }

        FieldProtection.Inspect(value, state);
    }
}

internal sealed class SensitiveStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>, IInspectingConverter
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonTokens.Expect(ref reader, JsonTokenType.StartObject);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!items.TryAdd(key, FieldProtection.Read(JsonTokens.ReadString(ref reader))))
            {
                throw new JsonException("A map holds a member twice.");
            }
        }

        return ValueMap<string>.Adopt(items);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            writer.WriteStringValue(FieldProtection.Current?.Write(item) ?? item);
        }

        writer.WriteEndObject();
    }

    public void Inspect(JsonElement value, InspectionState state)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            state.InvalidKind("object");
            return;
        }

        FieldProtection.Inspect(value, state);
    }
}
