using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Common;

/// <summary>Patterns are anchored at the true end of the text: a value with a trailing newline is not the value.</summary>
public sealed class EndOfTextTests : IDisposable
{
    private readonly TestHost _host = new();

    [Theory]
    [InlineData("northwind\n")]
    [InlineData("northwind\r\n")]
    [InlineData("\nnorthwind")]
    public void A_tenant_id_with_a_line_break_is_not_a_tenant_id(string tenantId)
    {
        _host.Validate(Samples.Tenant() with { TenantId = tenantId }).ShouldHaveFailure(TenancyErrorCodes.TenantIdFormat, "TenantId");
        _host.Validate(Samples.Tenant() with { TenantId = "northwind" }).Errors.Should().NotContain(e => e.ErrorCode == TenancyErrorCodes.TenantIdFormat);
    }

    [Fact]
    public void Country_currency_phone_and_times_of_day_end_where_their_text_ends()
    {
        var tenant = Samples.Tenant() with
        {
            CountryCode = "US\n",
            ContactPhone = "+14155550123\n",
            Billing = Samples.Tenant().Billing with { Currency = "USD\n" },
        };

        var failures = _host.Validate(tenant).Errors.Select(e => e.PropertyName).ToList();

        failures.Should().Contain("CountryCode").And.Contain("ContactPhone").And.Contain("Billing.Currency");
        _host.Validate(Samples.Alert() with { Suppression = new AlertSuppression { StartTime = "22:00\n", EndTime = "06:00" } }, "en")
            .Errors.Should().Contain(e => e.PropertyName == "Suppression.StartTime");
    }

    public void Dispose() => _host.Dispose();
}
