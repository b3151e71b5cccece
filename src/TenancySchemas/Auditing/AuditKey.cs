using System.Security.Cryptography;

namespace TenancySchemas.Auditing;

/// <summary>
/// The secret key that authenticates the audit chain (HMAC-SHA256). The writer takes the one registered in the
/// container, <c>services.AddSingleton(AuditKey.FromBytes(secret))</c> (or a factory that reads it from a secret store
/// or unprotects it with Data Protection at start); without one the chain is plain SHA-256 and reported as
/// unauthenticated. It is deliberately not an option: configuration files are no place for it, and the configuration
/// binder repeats values it cannot convert in its exception messages. The verifier needs the same key. The key's
/// bytes never appear in <see cref="ToString"/>, logs or exception messages; only its <see cref="KeyId"/> does.
/// </summary>
public sealed class AuditKey
{
    /// <summary>The fewest bytes a key may have: as many as the HMAC-SHA256 output (RFC 2104).</summary>
    public const int MinimumLength = 32;

    /// <summary>The most bytes a key may have.</summary>
    public const int MaximumLength = 1024;

    private static readonly byte[] KeyIdLabel = "tenancy-audit-key-id"u8.ToArray();

    private readonly byte[] _key;

    private AuditKey(byte[] key)
    {
        _key = key;
        Span<byte> id = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, KeyIdLabel, id);
        KeyId = Convert.ToHexStringLower(id[..8]);
    }

    /// <summary>
    /// Gets the key's public identifier: 16 hexadecimal digits derived from the key (an HMAC of a fixed label), written
    /// in every record so that a verifier tells a wrong key from a modified record. It does not reveal the key.
    /// </summary>
    public string KeyId { get; }

    /// <summary>Creates a key from its bytes, which are copied.</summary>
    /// <param name="key">The secret: 32 to 1,024 random bytes (for example <c>openssl rand -base64 32</c>, decoded).</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The key is shorter than 32 or longer than 1,024 bytes.</exception>
    public static AuditKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length is < MinimumLength or > MaximumLength)
        {
            // The message names the length, never the content.
            throw new ArgumentException($"An audit key has {MinimumLength} to {MaximumLength} bytes; this one has {key.Length}.", nameof(key));
        }

        return new AuditKey(key.ToArray());
    }

    /// <summary>Returns the key id, never the key.</summary>
    /// <returns><c>AuditKey</c> and the key id.</returns>
    public override string ToString() => $"AuditKey {KeyId}";

    /// <summary>A new HMAC-SHA256 context with this key, for one writer or verifier (not thread-safe).</summary>
    internal IncrementalHash CreateHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
}
