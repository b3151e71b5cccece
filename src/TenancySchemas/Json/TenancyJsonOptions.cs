namespace TenancySchemas.Json;

/// <summary>Limits and leniency of the JSON reader.</summary>
public sealed class TenancyJsonOptions
{
    /// <summary>The default largest document, in bytes: 1 MiB.</summary>
    public const int DefaultMaxDocumentBytes = 1024 * 1024;

    /// <summary>The default deepest nesting of objects and arrays.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The default largest number of failures reported for one document.</summary>
    public const int DefaultMaxErrors = 100;

    /// <summary>Gets or sets the largest document accepted, in UTF-8 bytes. The default value is 1 MiB.</summary>
    public int MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>Gets or sets the deepest nesting of objects and arrays accepted. The default value is 64.</summary>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>
    /// Gets or sets the largest number of failures (read errors, or validation failures) reported for one document.
    /// Past it, one more failure, <c>tenancy.json.too_many_errors</c>, says how many were left out. The default value is 100.
    /// </summary>
    public int MaxErrors { get; set; } = DefaultMaxErrors;

    /// <summary>
    /// Gets or sets a value indicating whether unknown members below the root are ignored instead of being
    /// read errors, for documents written by producers of the original module. Unknown members at the root are
    /// always errors. The default value is <see langword="false"/>.
    /// </summary>
    public bool IgnoreUnknownNestedMembers { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether, when ASP.NET Core Data Protection is registered, a plaintext value in a
    /// sensitive member is refused on read (<c>tenancy.isolation.plaintext_sensitive_value</c>) instead of taken as it is.
    /// The default value is <see langword="null"/>: refused under strict isolation, taken otherwise.
    /// </summary>
    public bool? RequireEncryptedSensitiveValues { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether records are read by the library's record reader (straight into their
    /// setters) rather than by the serializer's own object converter, on the same contract. The answers are the same
    /// either way (the tests compare them). The default value is <see langword="true"/>.
    /// </summary>
    internal bool ReadRecordsDirectly { get; set; } = true;
}
