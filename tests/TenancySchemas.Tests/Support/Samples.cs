using TenancySchemas.Tenants;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Support;

/// <summary>Valid documents to start each test from; a test changes one thing with <c>with</c>.</summary>
internal static class Samples
{
    public static TenantConfigSchema Tenant(TenantType tier = TenantType.Enterprise) => new()
    {
        TenantId = "acme_01",
        TenantName = "Acme Corporation",
        TenantType = tier,
        AdminEmail = "admin@acme.example.com",
        CountryCode = "US",
        CreatedAt = TestHost.Now.AddDays(-30),
    };

    public const string TenantJson = """
        {
          "tenant_id": "acme_01",
          "tenant_name": "Acme Corporation",
          "tenant_type": "professional",
          "admin_email": "admin@acme.example.com",
          "country_code": "US",
          "created_at": "2026-10-01T08:30:00+02:00"
        }
        """;
}
