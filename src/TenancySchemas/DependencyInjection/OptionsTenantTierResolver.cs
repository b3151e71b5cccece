using Microsoft.Extensions.Options;
using TenancySchemas.Tiers;

namespace TenancySchemas.DependencyInjection;

/// <summary>The default <see cref="ITenantTierResolver"/>: the tenant-id → tier map of <see cref="TenancySchemaOptions.TenantTiers"/>.</summary>
internal sealed class OptionsTenantTierResolver(IOptions<TenancySchemaOptions> options) : ITenantTierResolver
{
    public TenantType? ResolveTier(string tenantId) =>
        options.Value.TenantTiers.TryGetValue(tenantId, out var tier) ? tier : null;
}
