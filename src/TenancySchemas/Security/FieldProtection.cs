using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using TenancySchemas.Common;
using TenancySchemas.Json;

namespace TenancySchemas.Security;

/// <summary>How sensitive values are written during one write or read.</summary>
internal enum ProtectionMode
{
    /// <summary>As they are (no protector configured, isolation not strict).</summary>
    Plain,

    /// <summary>As ciphertext envelopes for the document's tenant.</summary>
    Encrypt,

    /// <summary>Not at all: strict isolation without a protector refuses to write plaintext.</summary>
    Forbid,
}

/// <summary>
/// The field encryption of one JSON operation: the tenant's protector (one Data Protection purpose per tenant, so that
/// tenant A's ciphertext does not open as tenant B's) and whether to encrypt. Set for the duration of a synchronous
/// serializer call; the sensitive-member converters read it.
/// </summary>
internal sealed class FieldProtection
{
    public const string EnvelopePrefix = "enc:v1:";

    [ThreadStatic]
    private static FieldProtection? _current;

    private FieldProtection(ProtectionMode mode, IDataProtector? protector)
    {
        Mode = mode;
        Protector = protector;
    }

    public static FieldProtection? Current => _current;

    public ProtectionMode Mode { get; }

    public IDataProtector? Protector { get; }

    public static IDisposable Begin(IDataProtectionProvider? provider, string? tenantId, ProtectionMode mode)
    {
        var previous = _current;
        _current = new FieldProtection(mode, provider?.CreateProtector("TenancySchemas.SensitiveFields.v1", tenantId ?? string.Empty));
        return new Restore(previous);
    }

    public string Write(string value) => Mode switch
    {
        ProtectionMode.Encrypt => EnvelopePrefix + Protector!.Protect(value),
        ProtectionMode.Forbid => throw new InvalidOperationException(
            "Strict isolation never writes sensitive values in plaintext: register ASP.NET Core Data Protection (services.AddDataProtection()) so that TenancyJson encrypts them."),
        _ => value,
    };

    public static string Read(string value)
    {
        if (!value.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var protector = _current?.Protector ?? throw new UndecryptableValueException();
        try
        {
            return protector.Unprotect(value[EnvelopePrefix.Length..]);
        }
        catch (CryptographicException)
        {
            throw new UndecryptableValueException();
        }
    }

    private sealed class Restore(FieldProtection? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}

/// <summary>A ciphertext that is tampered, foreign (another tenant's) or unreadable without a protector.</summary>
internal sealed class UndecryptableValueException : JsonException
{
    public UndecryptableValueException()
        : base("A sensitive value could not be decrypted.")
    {
    }
}

internal sealed class SensitiveStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FieldProtection.Read(JsonTokens.ReadString(ref reader));

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(FieldProtection.Current?.Write(value) ?? value);
}

internal sealed class SensitiveStringListConverter : JsonConverter<IReadOnlyList<string>>
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
}

internal sealed class SensitiveStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
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
}
