namespace TenancySchemas.Json;

/// <summary>Thrown by <see cref="TenancyJson.ReadOrThrow{T}(ReadOnlySpan{byte})"/> when a document cannot be read.</summary>
public sealed class TenancyJsonException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TenancyJsonException"/> class.</summary>
    public TenancyJsonException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyJsonException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TenancyJsonException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyJsonException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TenancyJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyJsonException"/> class for a read error.</summary>
    /// <param name="code">The error code of the first read error.</param>
    /// <param name="path">The JSON path of the first read error.</param>
    /// <param name="message">The localized message of the first read error.</param>
    public TenancyJsonException(string code, string path, string message)
        : base(message)
    {
        Code = code;
        Path = path;
    }

    /// <summary>Gets the error code of the first read error, such as <c>tenancy.json.malformed</c>.</summary>
    public string? Code { get; }

    /// <summary>Gets the JSON path of the first read error.</summary>
    public string? Path { get; }
}
