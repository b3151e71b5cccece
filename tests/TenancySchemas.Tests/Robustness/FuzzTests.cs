using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using TenancySchemas.Tests.Support;
using Xunit.Abstractions;

namespace TenancySchemas.Tests.Robustness;

/// <summary>
/// Random damage to valid documents of every schema: whatever the bytes, a read returns a record or errors with codes
/// and JSON paths, never an exception, within a time bound; and no document value reaches the audit log or metrics.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    private const int CasesPerDocument = 120;
    private static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(2);
    private const string DeepPlaceholder = "__deep_nesting__";
    private static readonly string[] Cultures = ["en", "fr", "de", "es"];

    private enum Damage
    {
        FlipByte,
        Truncate,
        WrongType,
        HugeNumber,
        NonFiniteText,
        DeepNesting,
        HugeString,
        InvalidUtf8,
        DuplicateKey,
        ControlOrBidi,
    }

    [Fact]
    public async Task Damaged_documents_of_every_schema_yield_errors_or_records_never_exceptions()
    {
        using var host = new ObservedHost();
        var counts = Enum.GetValues<Damage>().ToDictionary(d => d, _ => 0);
        int cases = 0, unreadable = 0, invalid = 0, valid = 0, marker = 0;
        var slowest = TimeSpan.Zero;

        foreach (var (file, schema, tier) in BundledDocuments.All)
        {
            var original = BundledDocuments.PlantMarkers(BundledDocuments.Text(file), ref marker);
            var leaves = Leaves(JsonNode.Parse(original)!).ToArray();
            var damaged =
                from damage in Gen.Enum<Damage>()
                from leaf in Gen.Int[0, leaves.Length - 1]
                from position in Gen.Int[0, Encoding.UTF8.GetByteCount(original) - 1]
                from size in Gen.Int[1, 10_000]
                from culture in Gen.Int[0, Cultures.Length - 1]
                select (damage, Bytes: Apply(damage, original, leaves[leaf], position, size), Culture: Cultures[culture]);

            damaged.Sample(c =>
            {
                var watch = Stopwatch.StartNew();
                var (value, errors) = InCulture.Run(c.Culture, () => BundledDocuments.ReadAndValidate(host.Services, schema, c.Bytes, tier));
                watch.Stop();

                lock (counts)
                {
                    cases++;
                    counts[c.damage]++;
                    slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
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

                watch.Elapsed.Should().BeLessThan(PerDocument, $"{c.damage} of {file}");
                if (value is null)
                {
                    errors.Should().NotBeEmpty($"an unreadable {c.damage} of {file} says why");
                }

                errors.Where(e => string.IsNullOrEmpty(e.ErrorCode) || !e.PropertyName.StartsWith('$') || string.IsNullOrWhiteSpace(e.ErrorMessage))
                    .Should().BeEmpty($"every failure of a {c.damage} of {file} has a code, a JSON path and a message");
            }, iter: CasesPerDocument, threads: 1);
        }

        var log = host.Sink.ToClef();
        var metrics = await host.ScrapeAsync();
        host.Sink.Events.Should().HaveCount(cases, "every read, readable or not, is audited once");
        Marker().Matches(log).Should().BeEmpty("no planted value may reach the audit log");
        Marker().Matches(metrics).Should().BeEmpty("no planted value may reach the metrics");

        output.WriteLine($"{cases} damaged documents from {BundledDocuments.All.Count} samples ({marker} planted markers): {unreadable} unreadable, {invalid} invalid, {valid} still valid; slowest {slowest.TotalMilliseconds:F0} ms");
        output.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
    }

    private static IEnumerable<JsonNode> Leaves(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(kv => kv.Value).Where(v => v is not null).SelectMany(v => Leaves(v!)).Prepend(node),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => Leaves(v!)).Prepend(node),
        _ => [node],
    };

    private static byte[] Apply(Damage damage, string original, JsonNode leafInOriginal, int position, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(original);
        switch (damage)
        {
            case Damage.FlipByte:
                bytes[position] ^= (byte)(1 << (size % 8));
                return bytes;
            case Damage.Truncate:
                return bytes[..position];
            case Damage.InvalidUtf8:
                return [.. bytes[..position], 0xC3, 0x28, 0xFF, .. bytes[position..]];
            case Damage.DuplicateKey:
                return Encoding.UTF8.GetBytes("{\"tenant_id\": \"dup_tenant\", " + original[1..]);
        }

        // The rest replace one value, found by its path.
        JsonNode? replacement = damage switch
        {
            Damage.WrongType => (size % 6) switch { 0 => 42, 1 => "text", 2 => true, 3 => null, 4 => new JsonArray(), _ => new JsonObject() },
            Damage.HugeNumber => JsonNode.Parse((size % 4) switch { 0 => "1e308", 1 => "-1e308", 2 => "123456789012345678901234567890", _ => "1e400" }),
            Damage.NonFiniteText => (size % 3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" },
            Damage.DeepNesting => DeepPlaceholder,
            Damage.HugeString => new string('x', 10 * 1024 * 1024),
            Damage.ControlOrBidi => (leafInOriginal as JsonValue)?.TryGetValue<string>(out var text) == true
                ? text.Insert(Math.Min(size % 7, text.Length), (size % 3) switch { 0 => "\u0000\u0007", 1 => "\u202E\u2066", _ => "\u001B[31m" })
                : "\u202Eevil\u0000",
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        var path = leafInOriginal.GetPath();
        var damaged = path == "$" ? replacement?.ToJsonString() ?? "null" : JsonMutation.Apply(original, path, replacement);

        // Deep nesting is spliced in as text: JsonNode itself refuses to hold or write it.
        return Encoding.UTF8.GetBytes(damaged.Replace($"\"{DeepPlaceholder}\"", new string('[', size) + "1" + new string(']', size), StringComparison.Ordinal));
    }

    [GeneratedRegex("mk[0-9]+x")]
    private static partial Regex Marker();
}
