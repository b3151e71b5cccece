using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;

// The extension lives in the package's root namespace so that one "using TenancySchemas;" finds it.
namespace TenancySchemas;

/// <summary>Guards the connections of a named or typed <see cref="HttpClient"/> with the app's isolation level.</summary>
public static class IsolationHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes the client's primary handler the connect-time guard (<see cref="IsolationConnectGuard"/>) at the isolation
    /// level of <see cref="TenancySchemaOptions.IsolationLevel"/>, so that documents are validated and their URLs
    /// delivered to under one policy.
    /// </summary>
    /// <param name="builder">The client's builder, from <c>services.AddHttpClient(…)</c>.</param>
    /// <param name="allowedNetworks">
    /// Networks connected to even though the level forbids them (an internal relay the app trusts), or
    /// <see langword="null"/> for none.
    /// </param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHttpClientBuilder AddIsolationConnectGuard(this IHttpClientBuilder builder, IEnumerable<IPNetwork>? allowedNetworks = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IPNetwork[] allowed = allowedNetworks is null ? [] : [.. allowedNetworks];
        return builder.ConfigurePrimaryHttpMessageHandler(services =>
            IsolationConnectGuard.CreateHandler(services.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.IsolationLevel, allowed));
    }
}
