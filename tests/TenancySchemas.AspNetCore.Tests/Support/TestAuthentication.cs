using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TenancySchemas.AspNetCore.Tests.Support;

/// <summary>
/// The tests' authentication: <c>X-Test-User</c> authenticates a user, <c>X-Test-Tenant</c> and <c>X-Test-Tier</c>
/// add its <c>tenant_id</c> and <c>tenant_tier</c> claims (several values, several claims). No header: anonymous.
/// </summary>
internal sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string TenantHeader = "X-Test-Tenant";
    public const string TierHeader = "X-Test-Tier";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (!headers.ContainsKey(UserHeader) && !headers.ContainsKey(TenantHeader))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, headers[UserHeader].FirstOrDefault() ?? "someone") };
        claims.AddRange(headers[TenantHeader].Select(t => new Claim("tenant_id", t!)));
        claims.AddRange(headers[TierHeader].Select(t => new Claim("tenant_tier", t!)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
