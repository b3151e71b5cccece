using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests;

/// <summary>The README's usage example, verbatim in substance: it must keep compiling and printing what the README says.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_prints_one_french_error()
    {
        using var services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
        var validator = services.GetRequiredService<IValidator<TenantConfigSchema>>();

        var tenant = new TenantConfigSchema
        {
            TenantId = "enterprise_001",
            TenantName = "Globex Corporation",
            TenantType = TenantType.Enterprise,
            AdminEmail = "admin@globex.example.com",
            CountryCode = "US",
            Features = new HashSet<TenantFeature> { TenantFeature.AdvancedAnalytics, TenantFeature.CustomAlerts },
            ComplianceLevels = [ComplianceLevel.Hipaa],
        };

        var lines = Support.InCulture.Run("fr", () => validator.Validate(tenant).Errors.Select(e => $"{e.PropertyName} [{e.ErrorCode}] {e.ErrorMessage}").ToList());

        lines.Should().Equal("Security.MfaRequired [tenancy.compliance.hipaa_requires_mfa] La conformité HIPAA exige l'authentification multifacteur");
    }
}
