using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.Tiers;

namespace TenancySchemas.Validation;

/// <summary>What every root validator needs from the container, bundled so that validators take one dependency.</summary>
internal sealed class ValidationServices(
    IOptions<TenancySchemaOptions> options,
    TimeProvider timeProvider,
    ITenantContextAccessor tenantContext,
    ITenantTierResolver tierResolver)
{
    public TenancySchemaOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ITenantContextAccessor TenantContext { get; } = tenantContext;

    public ITenantTierResolver TierResolver { get; } = tierResolver;
}
