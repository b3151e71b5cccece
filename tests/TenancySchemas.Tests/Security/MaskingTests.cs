using System.Text.Json;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Security;

/// <summary>Sensitive values (spec §1.10) never reach ToString() or a failure's attempted value.</summary>
public sealed class MaskingTests
{
    private const string Email = "ceo.private@acme.example.com";
    private const string Phone = "+12025550123";

    private static TenantConfigSchema Secretive() => Samples.Tenant() with
    {
        AdminEmail = Email,
        ContactPhone = Phone,
        WebhookUrl = "https://hooks.acme.com/t/8f3b2c91-secret-path?token=abc",
        Billing = new() { PaymentMethod = "card_4242424242424242", InvoiceEmail = "invoices.private@acme.example.com" },
        Metadata = new Dictionary<string, JsonElement>
        {
            ["api_key"] = JsonSerializer.SerializeToElement("sk_live_123"),
            ["nested"] = JsonSerializer.SerializeToElement(new { Password = "hunter2", Region = "eu" }),
        },
        Tags = new Dictionary<string, string> { ["Authorization"] = "Bearer xyz", ["team"] = "core" },
    };

    [Fact]
    public void ToString_masks_every_sensitive_value()
    {
        var text = Secretive().ToString();

        text.Should().NotContainAny(Email, Phone, "8f3b2c91", "token=abc", "4242", "invoices.private", "sk_live_123", "hunter2", "Bearer xyz");
        text.Should().Contain("AdminEmail = ***").And.Contain("WebhookUrl = https://hooks.acme.com").And.Contain("team = core").And.Contain("eu");
    }

    [Fact]
    public void Failures_on_sensitive_members_carry_no_attempted_value()
    {
        using var host = new TestHost();
        var broken = Secretive() with { AdminEmail = "not-an-email-but-private", ContactPhone = "+1", TenantName = "A" };

        var result = host.Validate(broken);

        result.ShouldHaveFailure(TenancyErrorCodes.InvalidEmail, "AdminEmail").AttemptedValue.Should().BeNull();
        result.ShouldHaveFailure(TenancyErrorCodes.InvalidPhone, "ContactPhone").AttemptedValue.Should().BeNull();
        result.ShouldHaveFailure("LengthValidator", "TenantName").AttemptedValue.Should().Be("A", "only sensitive members are stripped");
        result.Errors.Should().NotContain(e => e.ErrorMessage.Contains("not-an-email-but-private"));
    }

    [Fact]
    public void Nested_sensitive_members_are_stripped_too()
    {
        using var host = new TestHost();

        var failure = host.Validate(Samples.Tenant() with { Billing = new() { InvoiceEmail = "private-but-broken" } })
            .ShouldHaveFailure(TenancyErrorCodes.InvalidEmail, "Billing.InvoiceEmail");

        failure.AttemptedValue.Should().BeNull();
    }
}
