namespace TenancySchemas.Tiers;

/// <summary>
/// Finds the tier of a tenant when neither the caller nor the current tenant context names one.
/// Register an implementation to look tiers up in your own tenant store; the default reads
/// <see cref="TenancySchemaOptions.TenantTiers"/>.
/// </summary>
public interface ITenantTierResolver
{
    /// <summary>Finds the tier of a tenant.</summary>
    /// <param name="tenantId">The tenant id as the document gives it.</param>
    /// <returns>The tier, or <see langword="null"/> when the tenant is unknown.</returns>
    TenantType? ResolveTier(string tenantId);
}
