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
    public void Every_ciphertext_without_a_protector_is_undecryptable_at_its_own_path()
    {
        var encrypted = Json.Write(Secretive());

        var errors = new TenancyJson().Read<TenantConfigSchema>(encrypted).Errors;

        errors.Should().NotBeEmpty().And.OnlyContain(e => e.ErrorCode == TenancyErrorCodes.UndecryptableValue);
        errors.Select(e => e.PropertyName).Should().OnlyHaveUniqueItems().And.Contain("$.admin_email");
        errors.Should().OnlyContain(e => e.ErrorMessage.Contains("'acme_01'", StringComparison.Ordinal), "the message names the tenant whose key was tried");
    }

    [Fact]
    public void Strict_isolation_never_writes_plaintext_without_a_protector()
    {
        var strict = new TenancyJson(new TenancySchemaOptions { IsolationLevel = IsolationLevel.Strict });

        var act = () => strict.Write(Secretive());

        act.Should().Throw<InvalidOperationException>().WithMessage("*Data Protection*").Which.Message.Should().NotContain("ceo.private");
        strict.Write(Samples.Performance()).Should().Contain("\"tenant_id\":\"acme_01\"", "documents without sensitive values are written as usual");
    }

    [Fact]
    public void A_caller_never_decrypts_another_tenants_document_even_when_it_claims_that_tenant()
    {
        // Tenant B posts tenant A's encrypted document as it is: the key tried is B's, the caller's, not the one the
        // document names.
        var acmeDocument = Json.Write(Secretive("acme_01"));
        var accessor = _provider.GetRequiredService<ITenantContextAccessor>();
        accessor.Current = new TenantContext("globex_02");
        try
        {
            var read = Json.Read<TenantConfigSchema>(acmeDocument);

            read.Value.Should().BeNull();
            read.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.ErrorCode == TenancyErrorCodes.UndecryptableValue);
            read.Errors.Should().OnlyContain(e => e.ErrorMessage.Contains("'globex_02'", StringComparison.Ordinal));
            string.Concat(read.Errors.Select(e => e.ErrorMessage)).Should().NotContainAny("ceo.private", "card_4242");
        }
        finally
        {
            accessor.Current = null;
        }
    }

    [Fact]
    public void A_document_written_for_the_caller_opens_for_the_caller_whatever_tenant_it_names()
    {
        var accessor = _provider.GetRequiredService<ITenantContextAccessor>();
        accessor.Current = new TenantContext("acme_01");
        try
        {
            var update = new TenantConfigUpdateSchema { AdminEmail = "ceo.private@acme.example.com" };
            var json = Json.Write(update);
            json.Should().Contain("\"admin_email\":\"enc:v1:", "a document without a tenant is encrypted under the caller's key");

            Json.Read<TenantConfigUpdateSchema>(json).Value.Should().Be(update);

            accessor.Current = new TenantContext("globex_02");
            Json.Read<TenantConfigUpdateSchema>(json).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.UndecryptableValue);
        }
        finally
        {
            accessor.Current = null;
        }
    }

    [Fact]
    public void A_document_without_a_tenant_and_without_a_caller_opens_under_no_shared_key()
    {
        // There is no purpose for "no tenant": an update encrypted for one tenant never opens for a caller-less read.
        var accessor = _provider.GetRequiredService<ITenantContextAccessor>();
        accessor.Current = new TenantContext("acme_01");
        string json;
        try
        {
            json = Json.Write(new TenantConfigUpdateSchema { AdminEmail = "ceo.private@acme.example.com" });
        }
        finally
        {
            accessor.Current = null;
        }

        Json.Read<TenantConfigUpdateSchema>(json).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.UndecryptableValue);
    }

    [Fact]
    public void Strict_isolation_with_data_protection_refuses_plaintext_in_a_sensitive_member()
    {
        using var strict = StrictHost(requireEncrypted: null);
        var accessor = strict.GetRequiredService<ITenantContextAccessor>();
        accessor.Current = new TenantContext("acme_01");
        var json = strict.GetRequiredService<TenancyJson>();

        var plaintext = json.Read<TenantConfigSchema>(new TenancyJson().Write(Secretive()));

        plaintext.Value.Should().BeNull();
        plaintext.Errors.Select(e => e.ErrorCode).Should().OnlyContain(code => code == TenancyErrorCodes.PlaintextSensitiveValue);
        plaintext.Errors.Select(e => e.PropertyName).Should().Contain("$.admin_email").And.Contain("$.billing.invoice_email");
        string.Concat(plaintext.Errors.Select(e => e.ErrorMessage)).Should().NotContain("ceo.private");
        json.Read<TenantConfigSchema>(json.Write(Secretive())).Value.Should().Be(Secretive(), "ciphertext is read as before");
    }

    [Fact]
    public void The_plaintext_refusal_can_be_switched_off_and_is_off_by_default_below_strict()
    {
        using var strict = StrictHost(requireEncrypted: false);
        strict.GetRequiredService<ITenantContextAccessor>().Current = new TenantContext("acme_01");

        strict.GetRequiredService<TenancyJson>().Read<TenantConfigSchema>(new TenancyJson().Write(Secretive())).Value.Should().Be(Secretive());
        Json.Read<TenantConfigSchema>(new TenancyJson().Write(Secretive())).Value.Should().Be(Secretive(), "moderate isolation takes plaintext");
    }

    private static ServiceProvider StrictHost(bool? requireEncrypted)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddTenancySchemas(o =>
        {
            o.IsolationLevel = IsolationLevel.Strict;
            o.Json.RequireEncryptedSensitiveValues = requireEncrypted;
        });
        return services.BuildServiceProvider();
    }

    public void Dispose() => _provider.Dispose();
}
