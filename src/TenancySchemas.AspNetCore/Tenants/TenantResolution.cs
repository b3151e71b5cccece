using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TenancySchemas.AspNetCore.Localization;
using TenancySchemas.AspNetCore.Problems;
using TenancySchemas.Isolation;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.AspNetCore.Tenants;

/// <summary>
/// Finds a request's caller: the authenticated tenant claim, else a trusted route value, else a trusted header (see
/// <see cref="TenancyAspNetCoreOptions"/>), and its tier: the tier claim, else the tier resolver. Every value read is
/// checked before it is used, trusted or not.
/// </summary>
internal sealed class TenantResolution(IOptions<TenancyAspNetCoreOptions> options, IOptions<TenancySchemaOptions> tenancy, ITenantTierResolver tiers)
{
    /// <summary>The caller, or the problem that refuses the request.</summary>
    public readonly record struct Outcome(TenantContext? Caller, IResult? Refusal);

    public Outcome Resolve(HttpContext context)
    {
        var settings = options.Value;
        var level = tenancy.Value.IsolationLevel;

        var claim = ClaimOf(context.User, settings.TenantClaimType, out var ambiguous);
        if (ambiguous)
        {
            return Invalid($"claim {settings.TenantClaimType}");
        }

        var route = settings.TenantRouteValue is { } name ? context.GetRouteValue(name) as string : null;
        string? header = null;
        if (settings.TenantHeader is { } headerName && context.Request.Headers.TryGetValue(headerName, out var values))
        {
            if (values.Count != 1)
            {
                return Invalid($"header {headerName}");
            }

            header = values[0];
        }

        if (claim is not null && !TenantContext.IsTenantId(claim))
        {
            return Invalid($"claim {settings.TenantClaimType}");
        }

        if (route is not null && !TenantContext.IsTenantId(route))
        {
            return Invalid($"route value {settings.TenantRouteValue}");
        }

        if (header is not null && !TenantContext.IsTenantId(header))
        {
            return Invalid($"header {settings.TenantHeader}");
        }

        var strict = level == IsolationLevel.Strict;
        var trustRoute = route is not null && (settings.TrustRouteTenant ?? !strict);
        var trustHeader = header is not null && (settings.TrustHeaderTenant ?? !strict);
        var tenant = claim ?? (trustRoute ? route : trustHeader ? header : null);
        if (tenant is null)
        {
            return default;
        }

        // Above basic isolation, a request whose URL or header names another tenant than its caller is refused here,
        // before any budget is spent or document read.
        if (level != IsolationLevel.Basic)
        {
            if (route is not null && !string.Equals(route, tenant, StringComparison.Ordinal))
            {
                return Mismatch($"route value {settings.TenantRouteValue}", route, tenant);
            }

            if (header is not null && !string.Equals(header, tenant, StringComparison.Ordinal))
            {
                return Mismatch($"header {settings.TenantHeader}", header, tenant);
            }
        }

        var tier = (claim is null ? null : TierOf(context.User, settings.TierClaimType)) ?? tiers.ResolveTier(tenant);
        return new Outcome(new TenantContext(tenant, tier), null);
    }

    private static string? ClaimOf(ClaimsPrincipal user, string claimType, out bool ambiguous)
    {
        ambiguous = false;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        string? value = null;
        foreach (var claim in user.FindAll(claimType))
        {
            if (value is not null && !string.Equals(value, claim.Value, StringComparison.Ordinal))
            {
                ambiguous = true;
                return null;
            }

            value = claim.Value;
        }

        return value;
    }

    // Only a tier's name (trial, standard, professional, enterprise), in any case: never a number.
    private static TenantType? TierOf(ClaimsPrincipal user, string? claimType)
    {
        var value = claimType is null ? null : user.FindFirst(claimType)?.Value;
        return value is { Length: > 0 } && char.IsLetter(value[0]) && Enum.TryParse<TenantType>(value, ignoreCase: true, out var tier) && Enum.IsDefined(tier)
            ? tier
            : null;
    }

    private static Outcome Invalid(string source) => new(null, TenancyProblems.Refusal(
        StatusCodes.Status400BadRequest, ProblemText.InvalidTenant, TenancyErrorCodes.TenantIdFormat, new KeyValuePair<string, object?>("PropertyName", source)));

    private static Outcome Mismatch(string source, string named, string caller) => new(null, TenancyProblems.Refusal(
        StatusCodes.Status403Forbidden,
        ProblemText.TenantMismatch,
        TenancyErrorCodes.TenantMismatch,
        new KeyValuePair<string, object?>("PropertyName", source),
        new KeyValuePair<string, object?>("TenantId", named),
        new KeyValuePair<string, object?>("ExpectedTenantId", caller)));
}
