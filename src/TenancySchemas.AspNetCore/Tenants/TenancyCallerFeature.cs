using TenancySchemas.Isolation;

namespace TenancySchemas.AspNetCore.Tenants;

/// <summary>The caller that tenant resolution found for a request (<see langword="null"/> for none): its presence says resolution ran.</summary>
/// <param name="Caller">The caller's tenant, or <see langword="null"/>.</param>
internal sealed record TenancyCallerFeature(TenantContext? Caller)
{
    /// <summary>Gets the request's caller, failing with the fix when <c>UseTenancySchemas()</c> did not run before.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The feature.</returns>
    public static TenancyCallerFeature Of(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Features.Get<TenancyCallerFeature>() ?? throw new InvalidOperationException(
            "The request's tenant was not resolved: call app.UseTenancySchemas() (after authentication, before the endpoints) and do not call app.UseRateLimiter() before it.");
}
