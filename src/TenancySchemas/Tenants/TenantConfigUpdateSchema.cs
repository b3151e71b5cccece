using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Json;
using TenancySchemas.Common;
using TenancySchemas.Isolation;
using TenancySchemas.Security;

namespace TenancySchemas.Tenants;

/// <summary>
/// A partial update of a <see cref="TenantConfigSchema"/>: every member is optional and null means "unchanged".
/// Nested objects and maps replace the whole value. <c>tenant_id</c>, <c>tenant_type</c>, <c>country_code</c>,
/// <c>expires_at</c>, <c>api_endpoints</c> and the timestamps cannot be updated.
/// </summary>
public sealed record TenantConfigUpdateSchema : Schemas.ITenancyDocument, IAfterRead
{
    /// <summary>Gets the new display name (2-100 characters).</summary>
    public string? TenantName { get; init; }

    /// <summary>Gets the new status.</summary>
    public TenantStatus? Status { get; init; }

    /// <summary>Gets the new feature set. An object-form <c>features</c> document also sets <see cref="Quotas"/>.</summary>
    [JsonConverter(typeof(TenantFeaturesConverter))]
    public IReadOnlySet<TenantFeature>? Features
    {
        get;
        init
        {
            field = value is null ? null : ValueSet<TenantFeature>.From(value);
            _objectFormQuotas = (value as ObjectFormFeatures)?.Quotas;
        }
    }

    /// <summary>Gets the new quotas.</summary>
    public TenantQuotas? Quotas { get => _quotas; init => _quotas = value; }

    // The quotas an object-form features member held, until the reader merges them (see IAfterRead).
    private TenantQuotas? _objectFormQuotas;
    private TenantQuotas? _quotas;

    /// <summary>Gets the new SLA.</summary>
    public TenantSla? Sla { get; init; }

    /// <summary>Gets the new security settings.</summary>
    public TenantSecurityConfig? Security { get; init; }

    /// <summary>Gets the new monitoring settings.</summary>
    public TenantMonitoringConfig? Monitoring { get; init; }

    /// <summary>Gets the new billing settings.</summary>
    public TenantBillingConfig? Billing { get; init; }

    /// <summary>Gets the new compliance levels.</summary>
    public IReadOnlyList<ComplianceLevel>? ComplianceLevels { get; init => field = value is null ? null : ValueList<ComplianceLevel>.From(value); }

    /// <summary>Gets the new isolation level.</summary>
    public IsolationLevel? IsolationLevel { get; init; }

    /// <summary>Gets the new administrator email address (sensitive).</summary>
    [Sensitive]
    public string? AdminEmail { get; init; }

    /// <summary>Gets the new contact phone number (sensitive).</summary>
    [Sensitive]
    public string? ContactPhone { get; init; }

    /// <summary>Gets the new organization name (at most 100 characters).</summary>
    public string? Organization { get; init; }

    /// <summary>Gets the new IANA time zone.</summary>
    public string? Timezone { get; init; }

    /// <summary>Gets the new custom domain URL.</summary>
    [Isolation.Url]
    public string? CustomDomain { get; init; }

    /// <summary>Gets the new webhook URL (sensitive).</summary>
    [Sensitive(SensitiveKind.Url)]
    [Isolation.Url]
    public string? WebhookUrl { get; init; }

    /// <summary>Gets the new tags, replacing all tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init => field = value is null ? null : ValueMap<string>.From(value); }

    /// <summary>Gets the new metadata, replacing all metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init => field = value is null ? null : ValueMap<JsonElement>.From(value); }

    /// <summary>
    /// Applies this update to a tenant. Validate the result with <c>IValidator&lt;TenantConfigSchema&gt;</c> to check
    /// the cross-field and tier rules, which an update alone cannot.
    /// </summary>
    /// <param name="current">The tenant before the update.</param>
    /// <param name="updatedAt">The new <c>updated_at</c>; when null, <c>updated_at</c> is left as it was.</param>
    /// <returns>The updated tenant.</returns>
    public TenantConfigSchema ApplyTo(TenantConfigSchema current, DateTimeOffset? updatedAt = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            TenantName = TenantName ?? current.TenantName,
            Status = Status ?? current.Status,
            Features = Features ?? current.Features,
            Quotas = Quotas ?? current.Quotas,
            Sla = Sla ?? current.Sla,
            Security = Security ?? current.Security,
            Monitoring = Monitoring ?? current.Monitoring,
            Billing = Billing ?? current.Billing,
            ComplianceLevels = ComplianceLevels ?? current.ComplianceLevels,
            IsolationLevel = IsolationLevel ?? current.IsolationLevel,
            AdminEmail = AdminEmail ?? current.AdminEmail,
            ContactPhone = ContactPhone ?? current.ContactPhone,
            Organization = Organization ?? current.Organization,
            Timezone = Timezone ?? current.Timezone,
            CustomDomain = CustomDomain ?? current.CustomDomain,
            WebhookUrl = WebhookUrl ?? current.WebhookUrl,
            Tags = Tags ?? current.Tags,
            Metadata = Metadata ?? current.Metadata,
            UpdatedAt = updatedAt ?? current.UpdatedAt,
        };
    }

    private bool PrintMembers(StringBuilder builder) => RecordPrinter.Print(this, builder);

    /// <summary>Moves the numbers of an object-form <c>features</c> into <see cref="Quotas"/> once the document is read.</summary>
    void IAfterRead.AfterRead()
    {
        if (_objectFormQuotas is { } fromFeatures)
        {
            _quotas = TenantFeaturesConverter.MergeObjectFormQuotas(fromFeatures, _quotas ?? new TenantQuotas());
            _objectFormQuotas = null;
        }
    }
}
