using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TenancySchemas.WebApi;

/// <summary>
/// DEVELOPMENT ONLY. Authenticates a request as the tenant its <c>X-Dev-Tenant</c> header names (the <c>tenant_id</c>
/// claim TenancySchemas.AspNetCore reads), so that the sample can be tried with curl. It believes whatever the client
/// says: Program.cs registers it only in the Development environment. A real app authenticates callers (JWT bearer,
/// cookies, mTLS) and puts the tenant in a claim its identity provider signs.
/// </summary>
internal sealed class DevelopmentAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentTenantHeader";
    public const string Header = "X-Dev-Tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ } tenant])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim("tenant_id", tenant)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
