using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.DataProtection;
using TenancySchemas.Isolation;
using TenancySchemas.Localization;
using TenancySchemas.Schemas;
using TenancySchemas.Security;
using TenancySchemas.Validation;

namespace TenancySchemas.Json;

/// <summary>
/// Reads and writes TenancySchemas documents in their wire format (<see cref="SerializerOptions"/>): snake_case
/// members, enums as their wire strings, timestamps with offsets, unknown members rejected, no coercion between kinds.
/// Reading never throws on bad input: it returns the record or every read error with its JSON path, code and
/// localized message. Thread-safe; the instance that <c>AddTenancySchemas()</c> registers also counts and audits
/// documents that cannot be read (<see cref="Validate{T}"/>), reads sensitive values under the calling tenant's
/// key and honours the configured limits. One made with <see langword="new"/> audits nothing.
/// </summary>
public sealed class TenancyJson
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly TenancyJsonOptions _limits;
    private readonly string _defaultLocale;
    private readonly JsonSerializerOptions _wire;
    private readonly JsonSerializerOptions _contracts;
    private readonly JsonSerializerOptions _shapes;
    private readonly DocumentInspector _inspector;
    private readonly IDataProtectionProvider? _dataProtection;
    private readonly IsolationLevel _isolationLevel;
    private readonly ITenantContextAccessor? _tenantContext;
    private readonly bool _requiresCiphertext;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonTypeInfo> _typeInfos = new();

    /// <summary>Initializes a new instance of the <see cref="TenancyJson"/> class with the default options and the system clock; it audits nothing.</summary>
    public TenancyJson()
        : this(null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyJson"/> class; it audits nothing (use the one from dependency injection for that).</summary>
    /// <param name="options">The library options (JSON limits, default locale, isolation level); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock that fills omitted <c>created_at</c>-style members; <see langword="null"/> for the system clock.</param>
    /// <param name="dataProtection">
    /// The ASP.NET Core Data Protection provider. When given, every sensitive value is written as a ciphertext envelope
    /// under a purpose of its tenant, and read back decrypted.
    /// </param>
    public TenancyJson(TenancySchemaOptions? options, TimeProvider? timeProvider = null, IDataProtectionProvider? dataProtection = null)
        : this(options, timeProvider, dataProtection, tenantContext: null)
    {
    }

    internal TenancyJson(TenancySchemaOptions? options, TimeProvider? timeProvider, IDataProtectionProvider? dataProtection, ITenantContextAccessor? tenantContext)
    {
        _dataProtection = dataProtection;
        _tenantContext = tenantContext;
        options ??= new TenancySchemaOptions();
        _limits = new TenancyJsonOptions
        {
            MaxDocumentBytes = options.Json.MaxDocumentBytes,
            MaxDepth = options.Json.MaxDepth,
            MaxErrors = options.Json.MaxErrors,
            IgnoreUnknownNestedMembers = options.Json.IgnoreUnknownNestedMembers,
            RequireEncryptedSensitiveValues = options.Json.RequireEncryptedSensitiveValues,
            ReadRecordsDirectly = options.Json.ReadRecordsDirectly,
        };
        _defaultLocale = options.DefaultLocale;
        _isolationLevel = options.IsolationLevel;
        _requiresCiphertext = dataProtection is not null && (_limits.RequireEncryptedSensitiveValues ?? _isolationLevel == IsolationLevel.Strict);
        var clock = timeProvider ?? TimeProvider.System;
        _wire = JsonContract.Create(clock, _limits);
        _contracts = JsonContract.CreateContracts(clock, _limits);
        _shapes = JsonContract.CreateShapes(clock, _limits);
        _inspector = new DocumentInspector(_shapes);
        Paths = WirePaths.Instance;
    }

    /// <summary>
    /// Gets the wire format with the default limits and the system clock, read-only: for <see cref="JsonSerializer"/>,
    /// <c>ReadFromJsonAsync</c>, <c>HttpClient</c> and minimal APIs (<c>JsonSerializer.Deserialize&lt;AlertSchema&gt;(json,
    /// TenancyJson.DefaultSerializerOptions)</c>). It reads nothing the library's own reader would refuse, and refuses by
    /// throwing <see cref="JsonException"/>; it neither encrypts nor decrypts sensitive values.
    /// </summary>
    public static JsonSerializerOptions DefaultSerializerOptions { get; } = JsonContract.Create(TimeProvider.System, new TenancyJsonOptions());

    /// <summary>Gets this reader's wire format (its limits and clock), read-only; see <see cref="DefaultSerializerOptions"/>.</summary>
    public JsonSerializerOptions SerializerOptions => _wire;

    /// <summary>Gets the options whose contracts describe the records' shapes (for the JSON Schema export).</summary>
    internal JsonSerializerOptions ShapeOptions => _shapes;

    /// <summary>Gets a value indicating whether unknown members of nested objects are ignored rather than read errors.</summary>
    internal bool IgnoresUnknownNestedMembers => _limits.IgnoreUnknownNestedMembers;

    /// <summary>Gets or sets where documents that cannot be read are audited and counted (set by dependency injection).</summary>
    internal PipelineServices? Observer { get; init; }

    /// <summary>Reads a document from UTF-8 bytes (a leading byte order mark is skipped).</summary>
    /// <typeparam name="T">The schema type, such as <c>TenantConfigSchema</c>.</typeparam>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The record, or the read errors.</returns>
    public TenancyReadResult<T> Read<T>(ReadOnlySpan<byte> utf8Json)
        where T : class, ITenancyDocument => Read<T>(utf8Json, call: null);

    /// <summary>Reads a document from a string.</summary>
    /// <typeparam name="T">The schema type, such as <c>TenantConfigSchema</c>.</typeparam>
    /// <param name="json">The document.</param>
    /// <returns>The record, or the read errors.</returns>
    public TenancyReadResult<T> Read<T>(string json)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read<T>(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// Reads a document from a stream, holding at most <see cref="TenancyJsonOptions.MaxDocumentBytes"/> of it: a longer
    /// stream is refused (<c>tenancy.json.document_too_large</c>) without being read to its end.
    /// </summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="utf8Json">The document's stream; it is not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or the read errors.</returns>
    public Task<TenancyReadResult<T>> ReadAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default)
        where T : class, ITenancyDocument => ReadAsync<T>(utf8Json, call: null, cancellationToken);

    /// <summary>Reads a document and throws on the first read error; for callers that treat bad documents as bugs.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The record.</returns>
    /// <exception cref="TenancyJsonException">The document could not be read.</exception>
    public T ReadOrThrow<T>(ReadOnlySpan<byte> utf8Json)
        where T : class, ITenancyDocument
    {
        var result = Read<T>(utf8Json);
        if (result.Value is not null)
        {
            return result.Value;
        }

        var first = result.Errors[0];
        throw new TenancyJsonException(first.ErrorCode, first.PropertyName, first.ErrorMessage);
    }

    /// <summary>
    /// Reads a document and, when it could be read, validates it. Validation failures carry JSON paths
    /// (<c>$.sla.uptime_percentage</c>) like read errors do.
    /// </summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="utf8Json">The document.</param>
    /// <param name="validator">The validator, usually the <c>IValidator&lt;T&gt;</c> from dependency injection.</param>
    /// <param name="context">Optional per-call tier, expected tenant and instant.</param>
    /// <returns>The record and every failure.</returns>
    public TenancyReadResult<T> ReadAndValidate<T>(ReadOnlySpan<byte> utf8Json, IValidator<T> validator, TenancyValidationContext? context = null)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Validate(Read<T>(utf8Json, context), validator, context);
    }

    /// <summary>Reads a document from a stream (see <see cref="ReadAsync{T}(Stream, CancellationToken)"/>) and, when it could be read, validates it.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="utf8Json">The document's stream; it is not disposed.</param>
    /// <param name="validator">The validator, usually the <c>IValidator&lt;T&gt;</c> from dependency injection.</param>
    /// <param name="context">Optional per-call tier, expected tenant and instant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record and every failure.</returns>
    public async Task<TenancyReadResult<T>> ReadAndValidateAsync<T>(Stream utf8Json, IValidator<T> validator, TenancyValidationContext? context = null, CancellationToken cancellationToken = default)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Validate(await ReadAsync<T>(utf8Json, context, cancellationToken).ConfigureAwait(false), validator, context);
    }

    /// <summary>
    /// Validates what <see cref="Read{T}(ReadOnlySpan{byte})"/> returned, as <see cref="ReadAndValidate{T}"/> would have:
    /// failures get JSON paths, and a document that could not be read is audited and counted as invalid. Reading a
    /// batch of documents first and validating them afterwards runs each step's code many times in a row, which is
    /// faster than alternating the two for every document.
    /// </summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="read">The result of reading the document with this instance.</param>
    /// <param name="validator">The validator, usually the <c>IValidator&lt;T&gt;</c> from dependency injection.</param>
    /// <param name="context">Optional per-call tier, expected tenant and instant.</param>
    /// <returns>The record and every failure; <paramref name="read"/> itself when the document could not be read.</returns>
    public TenancyReadResult<T> Validate<T>(TenancyReadResult<T> read, IValidator<T> validator, TenancyValidationContext? context = null)
        where T : class, ITenancyDocument
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(validator);
        if (read.Value is null)
        {
            // A document that cannot be read is an invalid validation all the same: audited and counted once.
            Observer?.ObserveUnreadable(SchemaRegistry.Of<T>().MetricName, typeof(T), context, read.Errors, read.ReadDuration);
            return read;
        }

        var validation = context is null ? validator.Validate(read.Value) : validator.Validate(read.Value, context);
        foreach (var failure in validation.Errors)
        {
            failure.PropertyName = ToJsonPath(failure.PropertyName, read.Value.GetType());
        }

        return new TenancyReadResult<T>(read.Value, validation.Errors);
    }

    /// <summary>Writes a record as a JSON string. Null members are omitted; defaults are written.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="value">The record.</param>
    /// <returns>The document.</returns>
    public string Write<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        using var protection = BeginWrite(value);
        return JsonSerializer.Serialize(value, RuntimeTypeInfo(value));
    }

    /// <summary>Writes a record as UTF-8 bytes.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="value">The record.</param>
    /// <returns>The document.</returns>
    public byte[] WriteToUtf8Bytes<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        using var protection = BeginWrite(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, RuntimeTypeInfo(value));
    }

    /// <summary>Writes a record to a JSON writer.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The record.</param>
    public void Write<T>(Utf8JsonWriter writer, T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        using var protection = BeginWrite(value);
        JsonSerializer.Serialize(writer, value, RuntimeTypeInfo(value));
    }

    internal TenancyReadResult<T> Read<T>(ReadOnlySpan<byte> utf8Json, TenancyValidationContext? call)
        where T : class
    {
        var started = Observer?.TimeProvider.GetTimestamp() ?? 0;
        var errors = new List<ReadError>();
        var value = ReadCore<T>(utf8Json, call, errors);
        return new TenancyReadResult<T>(value, Localize(errors))
        {
            // Kept for the audit record of a document that cannot be read (see Validate).
            ReadDuration = value is null && Observer is { } observer ? observer.TimeProvider.GetElapsedTime(started) : TimeSpan.Zero,
        };
    }

    private async Task<TenancyReadResult<T>> ReadAsync<T>(Stream utf8Json, TenancyValidationContext? call, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var limit = _limits.MaxDocumentBytes;
        if (utf8Json.CanSeek && utf8Json.Length - utf8Json.Position > limit)
        {
            return TooLarge<T>((utf8Json.Length - utf8Json.Position).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // At most one byte more than the limit is ever held: enough to know a document is too large.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Wipe(buffer, length);
                    buffer = larger;
                }

                var read = await utf8Json.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length > limit
                ? TooLarge<T>(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"> {limit}"))
                : Read<T>(buffer.AsSpan(0, length), call);
        }
        finally
        {
            Wipe(buffer, length);
        }

        static void Wipe(byte[] buffer, int length)
        {
            buffer.AsSpan(0, Math.Min(length, buffer.Length)).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private TenancyReadResult<T> TooLarge<T>(string size)
        where T : class =>
        new(null, Localize([ReadError.Create(TenancyErrorCodes.JsonDocumentTooLarge, "$", ("Size", size), ("Limit", _limits.MaxDocumentBytes))]));

    /// <summary>Turns a FluentValidation property path into a JSON path (see <see cref="WirePaths"/>).</summary>
    internal string ToJsonPath(string propertyPath, Type rootType) => Paths.ToJsonPath(propertyPath, rootType);

    /// <summary>Gets the renderings of failure paths for this reader's contract.</summary>
    internal WirePaths Paths { get; }

    private T? ReadCore<T>(ReadOnlySpan<byte> utf8Json, TenancyValidationContext? call, List<ReadError> errors)
        where T : class
    {
        if (utf8Json.Length > _limits.MaxDocumentBytes)
        {
            errors.Add(ReadError.Create(TenancyErrorCodes.JsonDocumentTooLarge, "$", ("Size", utf8Json.Length), ("Limit", _limits.MaxDocumentBytes)));
            return null;
        }

        // RFC 8259 lets a reader skip a byte order mark; the serializer does not.
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        using var protection = FieldProtection.Begin(_dataProtection, _dataProtection is null ? null : ReadingTenant(utf8Json, call), ProtectionMode.Plain, _requiresCiphertext);
        Exception refusal;
        try
        {
            if (JsonSerializer.Deserialize(utf8Json, TypeInfo<T>()) is { } value)
            {
                return value;
            }

            refusal = new JsonException("The document is null.");
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            refusal = exception;
        }

        // A refused document is inspected once, to name every problem with its path (a sensitive value it cannot open
        // names the tenant whose key was tried). Whatever the inspector finds nothing wrong with but the serializer
        // refused still gets an error: the serializer decides what is read.
        using (FieldProtection.Begin(_dataProtection, ReadingTenant(utf8Json, call), ProtectionMode.Plain, _requiresCiphertext))
        {
            Inspect(typeof(T), utf8Json, errors);
        }

        if (errors.Count == 0)
        {
            errors.Add(ReadError.Create(TenancyErrorCodes.JsonInvalidKind, (refusal as JsonException)?.Path ?? "$", ("Expected", new MessageText("expected.schema"))));
        }

        return null;
    }

    /// <summary>What the inspector finds wrong with a document (nothing for a document the serializer reads), under the caller's protection.</summary>
    internal IReadOnlyList<(string Code, string Path)> InspectionErrors(Type documentType, ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > _limits.MaxDocumentBytes)
        {
            return [(TenancyErrorCodes.JsonDocumentTooLarge, "$")];
        }

        var errors = new List<ReadError>();
        utf8Json = utf8Json.StartsWith(Utf8ByteOrderMark) ? utf8Json[Utf8ByteOrderMark.Length..] : utf8Json;
        using var protection = FieldProtection.Begin(_dataProtection, ReadingTenant(utf8Json, call: null), ProtectionMode.Plain, _requiresCiphertext);
        Inspect(documentType, utf8Json, errors);
        return [.. errors.Select(e => (e.Code, e.Path))];
    }

    private void Inspect(Type documentType, ReadOnlySpan<byte> utf8Json, List<ReadError> errors)
    {
        if (!StructureScanner.Scan(utf8Json, _limits.MaxDepth, errors))
        {
            return;
        }

        // The parsed document reads its input in place for as long as it lives: the input is copied into a pooled
        // buffer rather than a new array per read, and the buffer is wiped when returned, since it held the document's
        // text. Nothing inspected keeps a reference to it: errors carry only strings and numbers.
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, utf8Json.Length), new JsonDocumentOptions { MaxDepth = _limits.MaxDepth + 1 });
            var state = new InspectionState(_limits.IgnoreUnknownNestedMembers, _limits.MaxErrors);
            _inspector.Inspect(document.RootElement, documentType, state);
            errors.AddRange(state.Errors);
            if (state.Dropped > 0)
            {
                errors.Add(ReadError.Create(TenancyErrorCodes.JsonTooManyErrors, "$", ("Dropped", state.Dropped)));
            }
        }
        finally
        {
            buffer.AsSpan(0, utf8Json.Length).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsRefusal(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException;

    /// <summary>
    /// The tenant whose key opens a document's sensitive values: the caller's (the call's expected tenant, else the
    /// tenant context), never one the document names for itself while a caller is known. Without a caller, strict
    /// isolation opens nothing; the others use the document's own <c>tenant_id</c>, and a document without one opens
    /// nothing (there is no shared key).
    /// </summary>
    private string? ReadingTenant(ReadOnlySpan<byte> utf8Json, TenancyValidationContext? call) =>
        call?.ExpectedTenantId ?? _tenantContext?.Current?.TenantId ?? (_isolationLevel == IsolationLevel.Strict ? null : RootTenantId(utf8Json));

    // The document's top-level "tenant_id" string, if it has one before anything malformed.
    private string? RootTenantId(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = _limits.MaxDepth + 2 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTenant = reader.ValueTextEquals("tenant_id"u8);
                reader.Read();
                if (isTenant)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text that is not UTF-8: the read refuses it anyway.
        }

        return null;
    }

    // GetTypeInfo checks the type on every call; once it has passed, its contract is kept here.
    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_typeInfos.GetOrAdd(typeof(T), static (type, serializer) => serializer.GetTypeInfo(type), _wire);

    // Sensitive values are encrypted for the caller's tenant (else the document's own) when a protector exists; under
    // strict isolation they are never written in plaintext.
    private FieldProtection.Scope BeginWrite(object value)
    {
        var mode = _dataProtection is not null ? ProtectionMode.Encrypt
            : _isolationLevel == IsolationLevel.Strict ? ProtectionMode.Forbid
            : ProtectionMode.Plain;
        var tenantId = _tenantContext?.Current?.TenantId ?? SchemaRegistry.Find(value.GetType())?.ClaimedTenantOf(value);
        return FieldProtection.Begin(_dataProtection, tenantId, mode);
    }

    // A TenantAlertSchema held as an AlertSchema is written whole: the contract follows the runtime type.
    private JsonTypeInfo RuntimeTypeInfo(object value) => _contracts.GetTypeInfo(value.GetType());

    private List<ValidationFailure> Localize(List<ReadError> errors)
    {
        if (errors.Count == 0)
        {
            return [];
        }

        using var culture = MessageCulture.Use(_defaultLocale);
        var failures = new List<ValidationFailure>(errors.Count);
        foreach (var error in errors)
        {
            var args = error.Args.Select(a => KeyValuePair.Create(a.Key, a.Value is MessageText text ? (object?)text.Localize() : a.Value)).ToArray();
            failures.Add(new ValidationFailure(error.Path, TenancyStringLocalizer.Instance.Format(error.Code, args))
            {
                ErrorCode = error.Code,
                Severity = Severity.Error,
            });
        }

        return failures;
    }

}
