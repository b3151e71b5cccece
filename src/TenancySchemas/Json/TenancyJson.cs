using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.DataProtection;
using TenancySchemas.Localization;
using TenancySchemas.Security;
using TenancySchemas.Tenants;
using TenancySchemas.Validation;

namespace TenancySchemas.Json;

/// <summary>
/// The one entry point for reading and writing TenancySchemas documents (spec §1): snake_case members, enums as
/// their wire strings, timestamps with offsets, unknown members rejected, no coercion between kinds. Reading never
/// throws on bad input: it returns the record or every read error with its JSON path, code and localized message.
/// Thread-safe; create one and reuse it (it is registered as a singleton by <c>AddTenancySchemas()</c>).
/// </summary>
public sealed class TenancyJson
{
    private readonly TenancyJsonOptions _limits;
    private readonly string _defaultLocale;
    private readonly JsonSerializerOptions _serializer;
    private readonly DocumentInspector _inspector;
    private readonly DirectRead? _directRead;
    private readonly IDataProtectionProvider? _dataProtection;
    private readonly Isolation.IsolationLevel _isolationLevel;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JsonTypeInfo> _typeInfos = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Type, string ClrName), JsonPropertyInfo> _properties = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Type?> _itemTypes = new();

    /// <summary>Initializes a new instance of the <see cref="TenancyJson"/> class with the default options and the system clock.</summary>
    public TenancyJson()
        : this(null, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TenancyJson"/> class.</summary>
    /// <param name="options">The library options (JSON limits, default locale, isolation level); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock that fills omitted <c>created_at</c>-style members; <see langword="null"/> for the system clock.</param>
    /// <param name="dataProtection">
    /// The ASP.NET Core Data Protection provider. When given, every sensitive value is written as a ciphertext envelope
    /// under a purpose of its document's tenant, and read back decrypted; plaintext input is still accepted.
    /// </param>
    public TenancyJson(TenancySchemaOptions? options, TimeProvider? timeProvider = null, IDataProtectionProvider? dataProtection = null)
    {
        _dataProtection = dataProtection;
        options ??= new TenancySchemaOptions();
        _limits = new TenancyJsonOptions
        {
            MaxDocumentBytes = options.Json.MaxDocumentBytes,
            MaxDepth = options.Json.MaxDepth,
            IgnoreUnknownNestedMembers = options.Json.IgnoreUnknownNestedMembers,
        };
        _defaultLocale = options.DefaultLocale;
        _isolationLevel = options.IsolationLevel;
        _serializer = CreateSerializerOptions(timeProvider ?? TimeProvider.System, _limits.MaxDepth);
        _inspector = new DocumentInspector(_serializer);
        _directRead = DirectRead.Create(_serializer, _limits.MaxDepth);
    }

    /// <summary>Gets the serializer options of the reader and writer (for the JSON Schema export).</summary>
    internal JsonSerializerOptions SerializerOptions => _serializer;

    /// <summary>Gets a value indicating whether unknown members of nested objects are ignored rather than read errors.</summary>
    internal bool IgnoresUnknownNestedMembers => _limits.IgnoreUnknownNestedMembers;

    /// <summary>Gets or sets where read failures of <see cref="ReadAndValidate{T}"/> are audited and counted (set by dependency injection).</summary>
    internal PipelineServices? Observer { get; init; }

    /// <summary>Reads a document from UTF-8 bytes.</summary>
    /// <typeparam name="T">The schema type, such as <see cref="TenantConfigSchema"/>.</typeparam>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The record, or the read errors.</returns>
    public TenancyReadResult<T> Read<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
    {
        var started = Observer?.TimeProvider.GetTimestamp() ?? 0;
        var errors = new List<ReadError>();
        var value = ReadCore<T>(utf8Json, errors);
        return new TenancyReadResult<T>(value, Localize(errors))
        {
            // Kept for the audit event of a document that cannot be read (see Validate).
            ReadDuration = value is null && Observer is { } observer ? observer.TimeProvider.GetElapsedTime(started) : TimeSpan.Zero,
        };
    }

    /// <summary>Reads a document from a string.</summary>
    /// <typeparam name="T">The schema type, such as <see cref="TenantConfigSchema"/>.</typeparam>
    /// <param name="json">The document.</param>
    /// <returns>The record, or the read errors.</returns>
    public TenancyReadResult<T> Read<T>(string json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read<T>(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a document and throws on the first read error; for callers that treat bad documents as bugs.</summary>
    /// <typeparam name="T">The schema type.</typeparam>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The record.</returns>
    /// <exception cref="TenancyJsonException">The document could not be read.</exception>
    public T ReadOrThrow<T>(ReadOnlySpan<byte> utf8Json)
        where T : class
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
        where T : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Validate(Read<T>(utf8Json), validator, context);
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
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(validator);
        if (read.Value is null)
        {
            // A document that cannot be read is an invalid validation all the same: audited and counted once.
            Observer?.ObserveUnreadable(Schemas.SchemaRegistry.Find(typeof(T))?.MetricName ?? typeof(T).Name, context, read.Errors, read.ReadDuration);
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

    /// <summary>
    /// Turns a FluentValidation property path (<c>Sla.UptimePercentage</c>, <c>Deliveries[2].SentAt</c>) into a JSON path
    /// (<c>$.sla.uptime_percentage</c>) by walking the serializer's contract, so renamed members keep their wire names.
    /// </summary>
    internal string ToJsonPath(string propertyPath, Type rootType)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "$";
        }

        if (propertyPath.StartsWith('$'))
        {
            return propertyPath;
        }

        var builder = new StringBuilder("$");
        Type? type = rootType;
        foreach (var segment in propertyPath.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
            {
                var property = type is null ? null : FindProperty(type, name);
                JsonPathBuilder.AppendMember(builder, property?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(name));
                type = property?.PropertyType;
            }

            if (bracket >= 0)
            {
                // [3] stays an index; [key] of a map becomes a member, as read errors write it ($.tags.team).
                var key = segment[(bracket + 1)..^1];
                if (key.Length > 0 && !key.AsSpan().ContainsAnyExceptInRange('0', '9'))
                {
                    builder.Append('[').Append(key).Append(']');
                }
                else
                {
                    JsonPathBuilder.AppendMember(builder, key);
                }

                type = type is null ? null : ItemType(type);
            }
        }

        return builder.ToString();
    }

    // Failure paths name the same few members over and over, and asking the contract costs more than the rest of the
    // path, so each member found is kept (only members the contract has: the cache is as large as the contract).
    private JsonPropertyInfo? FindProperty(Type type, string clrName)
    {
        if (_properties.TryGetValue((type, clrName), out var known))
        {
            return known;
        }

        var info = _serializer.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && string.Equals(member.Name, clrName, StringComparison.Ordinal))
            {
                _properties.TryAdd((type, clrName), property);
                return property;
            }
        }

        return null;
    }

    // An indexer steps into a list's element or a map's value.
    private Type? ItemType(Type type) => _itemTypes.GetOrAdd(type, static (type, serializer) =>
    {
        var info = serializer.GetTypeInfo(type);
        return info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary ? info.ElementType : null;
    }, _serializer);

    private T? ReadCore<T>(ReadOnlySpan<byte> utf8Json, List<ReadError> errors)
        where T : class
    {
        if (utf8Json.Length > _limits.MaxDocumentBytes)
        {
            errors.Add(ReadError.Create(TenancyErrorCodes.JsonDocumentTooLarge, "$", ("Size", utf8Json.Length), ("Limit", _limits.MaxDocumentBytes)));
            return null;
        }

        // Most documents are well formed: they are deserialized straight from their bytes, held to the limits of the
        // structure scan and the inspection. A document the direct read refuses is scanned, parsed and inspected, and
        // those name every problem (or read it after all).
        if (_directRead is not null)
        {
            using var protection = FieldProtection.Begin(_dataProtection, _dataProtection is null ? null : RootTenantId(utf8Json), ProtectionMode.Plain);
            if (_directRead.TryRead<T>(utf8Json, out var direct))
            {
                return direct;
            }
        }

        if (!StructureScanner.Scan(utf8Json, _limits.MaxDepth, errors))
        {
            return null;
        }

        // The parsed document reads its input in place for as long as it lives: the input is copied into a pooled
        // buffer rather than a new array per read (a large document would be a large-object allocation each time),
        // and the buffer is wiped when returned, since it held the document's text. Nothing read keeps a reference
        // to it: strings are materialized, and JSON values in records are copies (JsonElement.ParseValue).
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(buffer);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, utf8Json.Length), new JsonDocumentOptions { MaxDepth = _limits.MaxDepth + 1 });
            var state = new InspectionState(_limits.IgnoreUnknownNestedMembers);
            _inspector.Inspect(document.RootElement, typeof(T), state);
            if (state.Errors.Count > 0)
            {
                errors.AddRange(state.Errors);
                return null;
            }

            var tenantId = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("tenant_id", out var tenant) &&
                tenant.ValueKind == JsonValueKind.String ? tenant.GetString() : null;
            try
            {
                using var protection = FieldProtection.Begin(_dataProtection, tenantId, ProtectionMode.Plain);
                var value = document.RootElement.Deserialize(TypeInfo<T>());
                return value is null ? null : AfterRead(value, document.RootElement);
            }
            catch (UndecryptableValueException exception)
            {
                var path = exception.Path ?? "$";
                errors.Add(ReadError.Create(TenancyErrorCodes.UndecryptableValue, path, ("PropertyName", path), ("TenantId", MessageValue.Quote(tenantId ?? string.Empty))));
                return null;
            }
            catch (JsonException exception)
            {
                // The inspector accepted what the serializer refused: report it rather than crash.
                errors.Add(ReadError.Create(TenancyErrorCodes.JsonInvalidKind, exception.Path ?? "$", ("Expected", new MessageText("expected.schema"))));
                return null;
            }
        }
        finally
        {
            buffer.AsSpan(0, utf8Json.Length).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The document's tenant, for the protector of its sensitive values: its top-level "tenant_id" string, if it has
    // one before anything malformed (a malformed document is refused by the direct read anyway).
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
            // Malformed JSON or text that is not UTF-8.
        }

        return null;
    }

    // Only the object form of features gets a fix-up here: DirectRead refuses that form (the converter's DirectForm)
    // and leaves it to this path, since it has no document tree to fix it up from.
    private static T AfterRead<T>(T value, JsonElement root)
        where T : class => value switch
        {
            TenantConfigSchema tenant => (T)(object)(tenant with { Quotas = TenantFeaturesConverter.MergeObjectFormQuotas(root, tenant.Quotas) }),
            TenantConfigUpdateSchema update when root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Object =>
                (T)(object)(update with { Quotas = TenantFeaturesConverter.MergeObjectFormQuotas(root, update.Quotas ?? new TenantQuotas()) }),
            _ => value,
        };

    // GetTypeInfo checks the type on every call; once it has passed, its contract is kept here.
    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_typeInfos.GetOrAdd(typeof(T), static (type, serializer) => serializer.GetTypeInfo(type), _serializer);

    // Sensitive values are encrypted for the document's tenant when a protector exists; under strict isolation they are
    // never written in plaintext.
    private IDisposable BeginWrite(object value)
    {
        var mode = _dataProtection is not null ? ProtectionMode.Encrypt
            : _isolationLevel == Isolation.IsolationLevel.Strict ? ProtectionMode.Forbid
            : ProtectionMode.Plain;
        var tenantId = value.GetType().GetProperty("TenantId")?.GetValue(value) as string;
        return FieldProtection.Begin(_dataProtection, tenantId, mode);
    }

    // A TenantAlertSchema held as an AlertSchema is written whole: the contract follows the runtime type.
    private JsonTypeInfo RuntimeTypeInfo(object value) => _serializer.GetTypeInfo(value.GetType());

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
            var args = error.Args.Select(a => KeyValuePair.Create(a.Key, a.Value is MessageText text ? (object?)TenancyStringLocalizer.Instance[text.Key].Value : a.Value)).ToArray();
            failures.Add(new ValidationFailure(error.Path, TenancyStringLocalizer.Instance.Format(error.Code, args))
            {
                ErrorCode = error.Code,
                Severity = Severity.Error,
            });
        }

        return failures;
    }

    private static JsonSerializerOptions CreateSerializerOptions(TimeProvider timeProvider, int maxDepth)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = maxDepth + 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver()
                .WithAddedModifier(info => FillNowOnCreate(info, timeProvider))
                .WithAddedModifier(ProtectSensitiveMembers),
        };
        options.Converters.Add(new WireTimestampConverter());
        options.MakeReadOnly();
        return options;
    }

    // Every member marked [Sensitive] goes through the field-protection converters (encrypt on write, decrypt on read).
    private static void ProtectSensitiveMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || !member.IsDefined(typeof(SensitiveAttribute), inherit: true))
            {
                continue;
            }

            property.CustomConverter = property.PropertyType switch
            {
                var t when t == typeof(string) => new SensitiveStringConverter(),
                var t when t == typeof(IReadOnlyList<string>) => new SensitiveStringListConverter(),
                var t when t == typeof(IReadOnlyDictionary<string, string>) => new SensitiveStringMapConverter(),
                _ => property.CustomConverter,
            };
        }
    }

    // Source generation would be preferable, but its object initializers overwrite the records' property
    // initializers with default values for every member a document omits (dotnet/runtime#84484), which breaks
    // every "= x" default of the spec. The reflection contract keeps them; this modifier adds "defaults to now".
    private static void FillNowOnCreate(JsonTypeInfo info, TimeProvider timeProvider)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.CreateObject is not { } create)
        {
            return;
        }

        var nowMembers = info.Properties
            .Where(p => p.AttributeProvider is MemberInfo member && member.IsDefined(typeof(DefaultsToNowAttribute), inherit: true) && p.Set is not null)
            .ToArray();
        if (nowMembers.Length == 0)
        {
            return;
        }

        info.CreateObject = () =>
        {
            var instance = create();
            var now = timeProvider.GetUtcNow();
            foreach (var member in nowMembers)
            {
                member.Set!(instance, now);
            }

            return instance;
        };
    }
}
