using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Notifications;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Security;

/// <summary>Sensitive values are encrypted per tenant on write and decrypted on read; tampering and foreign ciphertext are read errors.</summary>
public sealed class FieldEncryptionTests : IDisposable
{
    private readonly ServiceProvider _provider;

    public FieldEncryptionTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddTenancySchemas();
        _provider = services.BuildServiceProvider();
    }

    private TenancyJson Json => _provider.GetRequiredService<TenancyJson>();

    private static TenantConfigSchema Secretive(string tenantId = "acme_01") => Samples.Tenant() with
    {
        TenantId = tenantId,
        AdminEmail = "ceo.private@acme.example.com",
        ContactPhone = "+12025550123",
        WebhookUrl = "https://hooks.acme.com/t/secret-path",
        Billing = new() { PaymentMethod = "card_4242", InvoiceEmail = "billing.private@acme.example.com" },
    };

    [Fact]
    public void Sensitive_values_are_written_encrypted_and_read_back_decrypted()
    {
        var tenant = Secretive();

        var json = Json.Write(tenant);

        json.Should().NotContainAny("ceo.private", "+12025550123", "secret-path", "card_4242", "billing.private");
        json.Should().Contain("\"admin_email\":\"enc:v1:").And.Contain("\"tenant_name\":\"Acme Corporation\"", "other values stay readable");
        Json.Read<TenantConfigSchema>(json).Value.Should().Be(tenant);
    }

    [Fact]
    public void Lists_and_maps_of_sensitive_values_are_encrypted_item_by_item()
    {
        var notification = Samples.Notification();

        var json = Json.Write(notification);

        json.Should().NotContain("r1@acme.example.com").And.Contain("\"email\":\"enc:v1:");
        Json.Read<NotificationSchema>(json).Value.Should().Be(notification);
    }

    [Fact]
    public void Another_tenants_ciphertext_does_not_decrypt()
    {
        var acme = Json.Write(Secretive("acme_01"));
        var stolenEmail = System.Text.Json.Nodes.JsonNode.Parse(acme)!["admin_email"]!.GetValue<string>();
        var globex = System.Text.Json.Nodes.JsonNode.Parse(Json.Write(Secretive("globex_02")))!;
        globex["admin_email"] = stolenEmail;

        var error = Json.Read<TenantConfigSchema>(globex.ToJsonString()).Errors.Should().ContainSingle().Which;

        error.ErrorCode.Should().Be(TenancyErrorCodes.UndecryptableValue);
        error.PropertyName.Should().Be("$.admin_email");
        error.ErrorMessage.Should().Be("$.admin_email could not be decrypted for tenant 'globex_02'");
    }

    [Fact]
    public void Tampered_ciphertext_is_a_read_error_not_an_exception()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json.Write(Secretive()))!;
        var cipher = node["billing"]!["payment_method"]!.GetValue<string>();
        node["billing"]!["payment_method"] = cipher[..^4] + (cipher[^4] == 'A' ? "BBBB" : "AAAA");

        var result = Json.Read<TenantConfigSchema>(node.ToJsonString());

        result.Errors.Should().ContainSingle().Which.Should().Match<FluentValidation.Results.ValidationFailure>(
            e => e.ErrorCode == TenancyErrorCodes.UndecryptableValue && e.PropertyName == "$.billing.payment_method");
    }

    [Fact]
    public void Plaintext_input_from_clients_is_still_accepted() =>
        Json.Read<TenantConfigSchema>(new TenancyJson().Write(Secretive())).Value.Should().Be(Secretive());

    [Fact]
    public void Ciphertext_without_a_protector_is_undecryptable()
    {
        var encrypted = Json.Write(Secretive());

        new TenancyJson().Read<TenantConfigSchema>(encrypted).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.UndecryptableValue);
    }

    [Fact]
    public void Strict_isolation_never_writes_plaintext_without_a_protector()
    {
        var strict = new TenancyJson(new TenancySchemaOptions { IsolationLevel = IsolationLevel.Strict });

        var act = () => strict.Write(Secretive());

        act.Should().Throw<InvalidOperationException>().WithMessage("*Data Protection*").Which.Message.Should().NotContain("ceo.private");
        strict.Write(Samples.Performance()).Should().Contain("\"tenant_id\":\"acme_01\"", "documents without sensitive values are written as usual");
    }

    public void Dispose() => _provider.Dispose();
}
