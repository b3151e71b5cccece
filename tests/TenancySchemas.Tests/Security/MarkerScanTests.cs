using System.Text;
using FluentValidation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Security;

/// <summary>Unique marker values planted in every field of a document never reach the audit log or the metrics.</summary>
public sealed class MarkerScanTests
{
    [Fact]
    public async Task No_document_value_reaches_the_audit_log_or_the_metrics()
    {
        using var host = new ObservedHost();
        var markers = Enumerable.Range(0, 20).Select(i => $"mk{i:D2}q7z").ToArray();
        var document = Samples.Tenant() with
        {
            TenantName = markers[0],
            AdminEmail = markers[1] + "@",
            ContactPhone = "+" + markers[2],
            Organization = markers[3] + new string('o', 100),
            CountryCode = markers[4],
            Timezone = markers[5],
            CustomDomain = markers[6],
            WebhookUrl = "https://" + markers[7] + ".example.com",
            Tags = new Dictionary<string, string> { [markers[8]] = markers[9] },
            ApiEndpoints = new Dictionary<string, string> { [markers[10]] = markers[11] },
            Security = new() { EncryptionLevel = markers[12], IpWhitelist = [markers[13]] },
            Billing = new() { PaymentMethod = markers[14], InvoiceEmail = markers[15], Currency = markers[16] },
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { [markers[17]] = System.Text.Json.JsonSerializer.SerializeToElement(markers[18]) },
        };

        var result = host.Validator<TenantConfigSchema>().Validate(document);
        host.Json.ReadAndValidate(Encoding.UTF8.GetBytes(host.Json.Write(document)), host.Validator<TenantConfigSchema>());

        result.IsValid.Should().BeFalse();
        var log = host.Sink.ToClef();
        var metrics = await host.ScrapeAsync();
        foreach (var marker in markers)
        {
            log.Should().NotContain(marker);
            metrics.Should().NotContain(marker);
        }

        host.Sink.Events.Should().HaveCount(2);
    }
}
