using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.RateLimiting;

/// <summary>A tier's wire name, for metric tags and logs (bounded: four values and "unknown").</summary>
internal static class TierNames
{
    public static string Of(TenantType tier) => tier switch
    {
        TenantType.Trial => "trial",
        TenantType.Standard => "standard",
        TenantType.Professional => "professional",
        TenantType.Enterprise => "enterprise",
        _ => "unknown",
    };
}
