using Microsoft.AspNetCore.Http;
using TenancySchemas.Isolation;

namespace TenancySchemas.AspNetCore.Tenants;

/// <summary>
/// Resolves the caller of each request, refuses a request whose tenant values are not tenant ids (400) or disagree
/// (403), and sets the tenant context for the rest of the request, clearing it afterwards whatever happens.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, TenantResolution resolution, ITenantContextAccessor tenantContext)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var (caller, refusal) = resolution.Resolve(context);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Features.Set(new TenancyCallerFeature(caller));
        var previous = tenantContext.Current;
        tenantContext.Current = caller;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            tenantContext.Current = previous;
        }
    }
}
