using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Tiers;

namespace TenancySchemas;

/// <summary>
/// Options of TenancySchemas. Set them with <c>AddTenancySchemas(o =&gt; …)</c>, bind them from a configuration
/// section, or use the environment variables <c>TENANCY_SCHEMA_VERSION</c>, <c>DEFAULT_LOCALE</c> and
/// <c>TENANT_ISOLATION_LEVEL</c>; later sources win: defaults, environment variables, the section, the code. They are
/// validated when first used and at host start.
/// </summary>
public sealed class TenancySchemaOptions
{
    /// <summary>The only schema version this release understands.</summary>
    public const string CurrentSchemaVersion = "v1";

    /// <summary>Gets or sets the schema version (<c>TENANCY_SCHEMA_VERSION</c>). The default value is <c>v1</c>, the only accepted one.</summary>
    public string SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>
    /// Gets or sets the language of messages when the caller's UI culture is not en, fr, de or es
    /// (<c>DEFAULT_LOCALE</c>). The default value is <c>en</c>.
    /// </summary>
    public string DefaultLocale { get; set; } = "en";

    /// <summary>
    /// Gets the languages the library's messages are written in (<c>en</c>, <c>fr</c>, <c>de</c>, <c>es</c>): the values
    /// <see cref="DefaultLocale"/> accepts, and the cultures an app offers its callers (ASP.NET Core request localization).
    /// </summary>
    public static IReadOnlyList<string> SupportedLocales => Localization.MessageCulture.Supported;

    /// <summary>Gets or sets how strictly tenants are kept apart (<c>TENANT_ISOLATION_LEVEL</c>). The default value is <see cref="IsolationLevel.Moderate"/>.</summary>
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.Moderate;

    /// <summary>
    /// Gets or sets the tier used when neither the caller, the current tenant context nor the tier resolver names
    /// one. The default value is <see langword="null"/>: such documents fail with <c>tenancy.tier.unknown</c>.
    /// </summary>
    public TenantType? DefaultTier { get; set; }

    /// <summary>Gets or sets the tier table. The default value holds the limits listed in <c>docs/reference/tiers.md</c>.</summary>
    public TierProfile Tiers { get; set; } = new();

    /// <summary>Gets the tiers of known tenants, by tenant id, read by the default tier resolver.</summary>
    public IDictionary<string, TenantType> TenantTiers { get; } = new Dictionary<string, TenantType>(StringComparer.Ordinal);

    /// <summary>Gets or sets the JSON reader's limits. The default value allows 1 MiB documents nested 64 levels deep.</summary>
    public TenancyJsonOptions Json { get; set; } = new();

    /// <summary>
    /// Gets or sets the audit settings: whether every validation writes an audit record and how often checkpoints are
    /// written. Records go to the <c>Serilog.ILogger</c> registered in the container; the chain is authenticated with
    /// the <see cref="Auditing.AuditKey"/> registered there.
    /// </summary>
    public Auditing.AuditOptions Audit { get; set; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether validations are counted and timed, on the <c>TenancySchemas</c> meter
    /// (<c>System.Diagnostics.Metrics</c>, for OpenTelemetry and <c>dotnet-counters</c>) and in prometheus-net (the
    /// container's <c>Prometheus.CollectorRegistry</c>, else <c>Metrics.DefaultRegistry</c>). The default value is
    /// <see langword="true"/>.
    /// </summary>
    public bool EnableMetrics { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether a document whose every check passes is answered without
    /// FluentValidation's pass (see <c>DocumentPrecheck</c>); off, FluentValidation runs every rule of every document.
    /// The answers are the same either way (the tests compare them). The default value is <see langword="true"/>.
    /// </summary>
    internal bool PrecheckDocuments { get; set; } = true;

    /// <summary>
    /// Settings that could not be read from configuration or the environment (unknown keys, values of the wrong type),
    /// kept by the configure steps for the options validator to report: a configure step cannot fail on its own.
    /// </summary>
    internal List<string> SettingErrors { get; } = [];
}
