using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using TenancySchemas.Tests.Support;
using Xunit.Abstractions;

namespace TenancySchemas.Tests.Robustness;

/// <summary>
/// Random damage to valid documents of every schema: whatever the bytes, a read returns a record or errors with codes
/// and JSON paths, never an exception, with a bounded report and bounded work (allocations, which do not depend on the
/// machine's load as time does); and no document value reaches the audit log or metrics.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int CasesPerDocument = 120;
    // Work grows with the document at most linearly: a few copies of its text (UTF-16 strings are twice its bytes).
    private const long AllocatedPerByte = 16;
    private const long AllocatedBase = 2 * 1024 * 1024;
    private static readonly string[] Cultures = ["en", "fr", "de", "es"];

    [Fact]
    public async Task Damaged_documents_of_every_schema_yield_errors_or_records_never_exceptions()
    {
        using var host = new ObservedHost();
        var counts = Enum.GetValues<Damage>().ToDictionary(d => d, _ => 0);
        int cases = 0, unreadable = 0, invalid = 0, valid = 0, marker = 0;
        var mostAllocated = 0L;

        foreach (var (file, schema, tier) in BundledDocuments.All)
        {
            var original = BundledDocuments.PlantMarkers(BundledDocuments.Text(file), ref marker);
            var damaged =
                from document in DamagedDocuments.Of(original)
                from culture in Gen.Int[0, Cultures.Length - 1]
                select (document.Damage, document.Bytes, Culture: Cultures[culture]);

            damaged.Sample(c =>
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var (value, errors) = InCulture.Run(c.Culture, () => BundledDocuments.ReadAndValidate(host.Services, schema, c.Bytes, tier));
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

                lock (counts)
                {
                    cases++;
                    counts[c.Damage]++;
                    mostAllocated = Math.Max(mostAllocated, allocated);
                    if (value is null)
                    {
                        unreadable++;
                    }
                    else if (errors.Any(e => e.Severity == FluentValidation.Severity.Error))
                    {
                        invalid++;
                    }
                    else
                    {
                        valid++;
                    }
                }

                allocated.Should().BeLessThan(AllocatedBase + (AllocatedPerByte * c.Bytes.Length), $"{c.Damage} of {file} ({c.Bytes.Length} bytes)");
                errors.Should().HaveCountLessThanOrEqualTo(TenancySchemas.Json.TenancyJsonOptions.DefaultMaxErrors + 1, $"the report of a {c.Damage} of {file} is bounded");
                if (value is null)
                {
                    errors.Should().NotBeEmpty($"an unreadable {c.Damage} of {file} says why");
                }

                errors.Where(e => string.IsNullOrEmpty(e.ErrorCode) || !e.PropertyName.StartsWith('$') || string.IsNullOrWhiteSpace(e.ErrorMessage))
                    .Should().BeEmpty($"every failure of a {c.Damage} of {file} has a code, a JSON path and a message");
            }, iter: CasesPerDocument, threads: 1);
        }

        var log = host.Sink.ToClef();
        var metrics = await host.ScrapeAsync();
        host.Sink.Events.Should().HaveCount(cases, "every read, readable or not, is audited once");
        Marker().Matches(log).Should().BeEmpty("no planted value may reach the audit log");
        Marker().Matches(metrics).Should().BeEmpty("no planted value may reach the metrics");

        output.WriteLine($"{cases} damaged documents from {BundledDocuments.All.Count} samples ({marker} planted markers): {unreadable} unreadable, {invalid} invalid, {valid} still valid; most allocated {mostAllocated / 1024.0:F0} KB");
        output.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
    }

    [GeneratedRegex("mk[0-9]+x")]
    private static partial Regex Marker();
}
