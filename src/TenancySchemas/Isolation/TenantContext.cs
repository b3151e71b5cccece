using TenancySchemas.Tiers;

namespace TenancySchemas.Isolation;

/// <summary>The tenant on whose behalf the current request runs.</summary>
public sealed record TenantContext
{
    /// <summary>Initializes a new instance of the <see cref="TenantContext"/> class.</summary>
    /// <param name="tenantId">The current tenant's id.</param>
    /// <param name="tier">The current tenant's tier, when known.</param>
    public TenantContext(string tenantId, TenantType? tier = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        TenantId = tenantId;
        Tier = tier;
    }

    /// <summary>Gets the current tenant's id.</summary>
    public string TenantId { get; }

    /// <summary>Gets the current tenant's tier, when known.</summary>
    public TenantType? Tier { get; }
}
