using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using TenancySchemas.Alerts;
using TenancySchemas.Json;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// What reading a typical alert costs against System.Text.Json alone (README, Performance): the library's reader, which
/// reports every read error with its path, against the bare deserializer into the library's record and into a plain
/// class with the same members, which check nothing. The document is one line of the NDJSON comparison.
/// </summary>
[MemoryDiagnoser]
public class JsonReadCostBenchmarks
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes(
        """{"alert_id":"alert-0000001","tenant_id":"tenant_0001","name":"High CPU 1","title":"CPU usage above 90 percent","description":"CPU usage of the API tier has been above 90 percent for 5 minutes.","severity":"medium","category":"performance","conditions":[{"metric_name":"cpu_usage_percent","operator":"gt","threshold":90,"duration_minutes":5}],"notification_channels":["email","slack"],"recipients":["ops@acme.example","#alerts"],"tags":{"team":"platform","env":"prod"},"created_at":"2026-11-20T08:00:00Z"}""");

    private static readonly JsonSerializerOptions Plain = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly TenancyJson _json = new();

    [GlobalSetup]
    public void Setup()
    {
        if (!_json.Read<AlertSchema>(Document).IsValid || LibraryRecordPlainDeserializer() is null || PlainClass() is null)
        {
            throw new InvalidOperationException("The benchmark document must read without errors.");
        }
    }

    [Benchmark(Baseline = true, Description = "TenancyJson.Read (every read error checked)")]
    public bool TenancyJsonRead() => _json.Read<AlertSchema>(Document).IsValid;

    [Benchmark(Description = "System.Text.Json alone, into the library's record")]
    public AlertSchema? LibraryRecordPlainDeserializer() => JsonSerializer.Deserialize<AlertSchema>(Document, Plain);

    [Benchmark(Description = "System.Text.Json alone, into a plain class")]
    public PlainAlert? PlainClass() => JsonSerializer.Deserialize<PlainAlert>(Document, Plain);

    /// <summary>The same members as plain settable properties, enumerations as strings.</summary>
    public sealed class PlainAlert
    {
        public string AlertId { get; set; } = string.Empty;

        public string TenantId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public string Severity { get; set; } = string.Empty;

        public string Category { get; set; } = string.Empty;

        public List<PlainCondition> Conditions { get; set; } = [];

        public List<string> NotificationChannels { get; set; } = [];

        public List<string> Recipients { get; set; } = [];

        public Dictionary<string, string> Tags { get; set; } = [];

        public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>A condition of <see cref="PlainAlert"/>.</summary>
    public sealed class PlainCondition
    {
        public string MetricName { get; set; } = string.Empty;

        public string Operator { get; set; } = string.Empty;

        public double Threshold { get; set; }

        public int DurationMinutes { get; set; }
    }
}
