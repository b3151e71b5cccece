using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TenancySchemas.RateLimiting;

/// <summary>Registers the per-tenant limiter and the record of its rejections.</summary>
internal static class RateLimitingServiceCollectionExtensions
{
    public static IServiceCollection AddTenancyRateLimiting(this IServiceCollection services)
    {
        services.TryAddSingleton<ITenantRateLimiter, TenantRateLimiter>();
        services.TryAddSingleton<IRateLimitRejections, RateLimitRejections>();
        return services;
    }
}
