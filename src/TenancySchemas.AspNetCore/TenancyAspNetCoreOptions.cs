namespace TenancySchemas.AspNetCore;

/// <summary>
/// Options of <c>TenancySchemas.AspNetCore</c>: where the caller's tenant and tier come from, and where tier rate-limit
/// budgets live. Set them with <c>AddTenancySchemasAspNetCore(o =&gt; …)</c>; they are checked at host start.
/// </summary>
/// <remarks>
/// The caller's tenant is, in this order: the <see cref="TenantClaimType"/> claim of the authenticated user; else, when
/// trusted, the <see cref="TenantRouteValue"/> route value; else, when trusted, the <see cref="TenantHeader"/> header.
/// Route values and headers are whatever a client sends, so they are not trusted under strict isolation unless the app
/// says so. Whatever is read is checked: a value that is not a tenant id is a <c>400</c>, and under strict and moderate
/// isolation a route value or header naming another tenant than the claim is a <c>403</c>.
/// </remarks>
public sealed class TenancyAspNetCoreOptions
{
    /// <summary>Gets or sets the claim that holds the caller's tenant id. The default value is <c>tenant_id</c>.</summary>
    public string TenantClaimType { get; set; } = "tenant_id";

    /// <summary>
    /// Gets or sets the claim that holds the caller's tier (<c>trial</c>, <c>standard</c>, <c>professional</c>,
    /// <c>enterprise</c>), or <see langword="null"/> to read no tier claim. Without the claim (or with a value that is no
    /// tier) the tier comes from the <see cref="Tiers.ITenantTierResolver"/>. The default value is <c>tenant_tier</c>.
    /// </summary>
    public string? TierClaimType { get; set; } = "tenant_tier";

    /// <summary>Gets or sets the route value that names a tenant (<c>/tenants/{tenantId}/…</c>), or <see langword="null"/> for none. The default value is <c>tenantId</c>.</summary>
    public string? TenantRouteValue { get; set; } = "tenantId";

    /// <summary>Gets or sets the request header that names a tenant, or <see langword="null"/> for none. The default value is <c>X-Tenant-Id</c>.</summary>
    public string? TenantHeader { get; set; } = "X-Tenant-Id";

    /// <summary>
    /// Gets or sets a value indicating whether a caller without a tenant claim is the tenant its route value names. The
    /// default value is <see langword="null"/>: trusted under moderate and basic isolation, not under strict.
    /// </summary>
    public bool? TrustRouteTenant { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a caller without a tenant claim (or route value) is the tenant its header
    /// names. The default value is <see langword="null"/>: trusted under moderate and basic isolation, not under strict.
    /// </summary>
    public bool? TrustHeaderTenant { get; set; }

    /// <summary>Gets or sets where tier rate-limit budgets live. The default value keeps them in this process.</summary>
    public TenancyRateLimitOptions RateLimit { get; set; } = new();
}
