using System.Security.Cryptography;

namespace TenancySchemas.Common;

/// <summary>
/// The default ids of the records (<c>alert_id</c>, <c>compliance_id</c>, …): random version 4 UUIDs, as the original
/// module's <c>uuid4()</c>, in the same lowercase text form as <see cref="Guid.ToString()"/>.
/// </summary>
/// <remarks>
/// The default runs whenever a record is created, also when a reader then overwrites it with the document's own id.
/// <see cref="Guid.NewGuid"/> asks the operating system for 16 random bytes on every call (a system call on Linux,
/// costlier than the rest of the record's construction). The bytes here come from the same
/// cryptographically secure generator, fetched 512 bytes at a time per thread; each byte is used once.
/// </remarks>
internal static class RandomIds
{
    private const int UuidBytes = 16;
    private const int BufferBytes = 32 * UuidBytes;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_used;

    /// <summary>Returns a new random (version 4, RFC 9562 variant) UUID as text.</summary>
    public static string NewUuid()
    {
        var buffer = t_buffer;
        if (buffer is null || t_used == BufferBytes)
        {
            buffer = t_buffer ??= new byte[BufferBytes];
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        Span<byte> bytes = stackalloc byte[UuidBytes];
        buffer.AsSpan(t_used, UuidBytes).CopyTo(bytes);
        t_used += UuidBytes;

        // RFC 9562 layout (big-endian): version 4 in the high nibble of byte 6, variant 10xx in byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
