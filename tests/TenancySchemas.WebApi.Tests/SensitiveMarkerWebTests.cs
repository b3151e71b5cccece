using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Schemas;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.WebApi.Tests;

/// <summary>
/// For every schema, the web sample receives documents with a marker in every sensitive member and in secret-looking
/// entries of every map, as their own tenant: no marker in any response (the 400 problems, the 201 bodies with their
/// warnings, the headers), in the audit records the sample writes, or in /metrics.
/// </summary>
public sealed class SensitiveMarkerWebTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    public static TheoryData<string> Schemas() => new(SchemaRegistry.All.Select(schema => schema.Name));

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task No_sensitive_value_reaches_a_response_the_audit_records_or_the_metrics(string schema)
    {
        // The sample's audit logger writes compact JSON to standard output; the same formatter writes it here instead.
        var audit = new ClefSink();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<Serilog.ILogger>(new Serilog.LoggerConfiguration().WriteTo.Sink(audit).CreateLogger())));
        using var client = app.CreateClient();
        var valid = WebApiTests.ForStrict(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BundledSamples", ValidSample(schema))));
        var markers = new SensitiveMarkers();

        // Broken markers make the rules of the sensitive members fail (400); an unknown member makes any document a
        // read error; markers that keep the values' shape give an accepted document (201, with its warnings).
        var broken = JsonNode.Parse(markers.PlantIn(schema, valid))!.AsObject();
        var unreadable = broken.DeepClone().AsObject();
        unreadable.Add("surprise", 1);
        var wellFormed = markers.PlantIn(schema, valid, wellFormed: true);
        var tenant = broken["tenant_id"]?.GetValue<string>() ?? "northwind";

        var answers = new List<(HttpStatusCode Status, string Text)>();
        foreach (var document in new[] { broken.ToJsonString(), unreadable.ToJsonString(), wellFormed })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/tenants/{tenant}/{schema}") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Dev-Tenant", tenant);
            using var response = await client.SendAsync(request);
            answers.Add((response.StatusCode, $"{response.Headers}{response.Content.Headers}{await response.Content.ReadAsStringAsync()}"));
        }

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        markers.Markers.Should().NotBeEmpty($"{schema} has sensitive members or maps to plant markers in");
        if (markers.SensitiveMembers > 0)
        {
            answers[0].Status.Should().Be(HttpStatusCode.BadRequest, "broken sensitive values fail their rules");
        }

        answers[1].Status.Should().Be(HttpStatusCode.BadRequest, "an unknown member is a read error");
        answers[2].Status.Should().Be(HttpStatusCode.Created, $"well-formed markers are accepted: {answers[2].Text}");
        audit.Records.Should().HaveCount(3, "each validation is audited");
        foreach (var (channel, text) in answers.Select((a, i) => ($"response {i + 1} ({(int)a.Status})", a.Text)).Append(("the audit records", audit.Text)).Append(("/metrics", metrics)))
        {
            markers.FoundIn(text).Should().BeNull($"no sensitive value reaches {channel}");
        }
    }

    [Fact]
    public async Task An_accepted_document_with_warnings_quotes_no_sensitive_value()
    {
        using var client = factory.CreateClient();
        var markers = new SensitiveMarkers("mkw");
        var document = JsonNode.Parse(markers.PlantIn("notification", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BundledSamples", ValidSample("notification"))), wellFormed: true))!.AsObject();
        document["pii_data"] = true;
        document["encryption_required"] = false;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tenants/bakery-42/notification") { Content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Dev-Tenant", "bakery-42");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        JsonNode.Parse(body)!["warnings"]!.AsArray().Should().NotBeEmpty("personal data without encryption is a warning");
        markers.Markers.Should().NotBeEmpty();
        markers.FoundIn($"{response.Headers}{body}").Should().BeNull();
    }

    // The first valid bundled sample of a schema.
    private static string ValidSample(string schema) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BundledSamples"), $"{schema}.*valid.json")
            .Select(Path.GetFileName)
            .Where(f => f!.Split('.') is [var name, .., "valid", "json"] && name == schema)
            .Order(StringComparer.Ordinal)
            .First()!;

    /// <summary>Audit events as the sample writes them: one compact JSON line each.</summary>
    private sealed class ClefSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Records => [.. _lines.Where(line => line.Contains("\"AuditEventId\"", StringComparison.Ordinal))];

        public string Text => string.Concat(_lines);

        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            new CompactJsonFormatter().Format(logEvent, writer);
            _lines.Enqueue(writer.ToString());
        }
    }
}
