using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TenancySchemas.Metrics;

/// <summary>Registers the metrics and, when the app has none, the framework's <c>IMeterFactory</c>.</summary>
internal static class TenancyMetricsRegistration
{
    public static IServiceCollection AddTenancyMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<TenancyMetrics>();
        return services;
    }
}
