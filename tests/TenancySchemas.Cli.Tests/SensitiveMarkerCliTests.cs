using System.Text.Json.Nodes;
using TenancySchemas.Schemas;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Cli.Tests;

/// <summary>
/// For every schema: a document with a marker in every sensitive member (most of them invalid, so that their rules
/// fail) and in secret-looking entries of every map, validated by the command line in text, JSON and NDJSON, with an
/// audit log and metrics: no marker in standard output, standard error or the audit log.
/// </summary>
[Collection("Console culture")]
public sealed class SensitiveMarkerCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-cli-markers-").FullName;

    public static TheoryData<string> Schemas() => new(SchemaRegistry.All.Select(schema => schema.Name));

    [Theory]
    [MemberData(nameof(Schemas))]
    public void No_sensitive_value_reaches_standard_output_standard_error_or_the_audit_log(string schema)
    {
        var (sample, tier) = ValidSample(schema);
        var markers = new SensitiveMarkers();
        var planted = JsonNode.Parse(markers.PlantIn(schema, File.ReadAllText(Cli.Sample(sample))))!.AsObject();

        // The planted document fails the rules of its sensitive members; with an unknown member it is also a read
        // error (the only failure a schema whose secrets are all map entries can get).
        var damaged = planted.DeepClone().AsObject();
        damaged.Add("surprise", 1);
        var (document, unreadable) = (planted.ToJsonString(), damaged.ToJsonString());
        var files = new[] { Path.Combine(_folder, schema + ".json"), Path.Combine(_folder, schema + ".damaged.json") };
        File.WriteAllText(files[0], planted.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(files[1], unreadable);
        string[] chosen = ["--schema", schema, .. tier is null ? Array.Empty<string>() : ["--tier", tier]];
        var tenant = planted["tenant_id"]?.GetValue<string>() ?? "northwind";

        var runs = new (string Name, string Input, string[] Args)[]
        {
            ("text", string.Empty, ["validate", .. files, .. chosen, "--format", "text", "--metrics"]),
            ("json", string.Empty, ["validate", .. files, .. chosen, "--format", "json", "--locale", "fr", "--metrics"]),
            ("ndjson as json", $"{document}\n{unreadable}\n", ["validate", "-", .. chosen, "--ndjson", "--format", "json", "--locale", "de"]),
            ("ndjson as text", $"{document}\n{unreadable}\n", ["validate", "-", .. chosen, "--ndjson", "--isolation", "strict", "--tenant", tenant]),
        };

        markers.Markers.Should().NotBeEmpty($"{schema} has sensitive members or maps to plant markers in");
        foreach (var (name, input, args) in runs)
        {
            var audit = Path.Combine(_folder, $"{schema}.{name.Replace(' ', '-')}.clef");
            var result = Cli.RunWithInput(input, [.. args, "--audit-log", audit]);

            result.Exit.Should().Be(1, $"the documents are invalid ({name}): {result.Error}");
            if (name.StartsWith("json", StringComparison.Ordinal) && markers.SensitiveMembers > 0)
            {
                result.Results[0]["errors"]!.AsArray().Should().NotBeEmpty("the planted values break the rules of the sensitive members, so their failures are printed and scanned");
            }

            foreach (var (channel, text) in new[] { ("standard output", result.Output), ("standard error", result.Error), ("the audit log", File.ReadAllText(audit)) })
            {
                markers.FoundIn(text).Should().BeNull($"no sensitive value reaches {channel} ({name})");
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The first valid bundled sample of a schema and the tier its name announces.
    private static (string File, string? Tier) ValidSample(string schema)
    {
        var file = Directory.GetFiles(Cli.Samples, $"{schema}.*valid.json")
            .Select(Path.GetFileName)
            .Where(f => f!.Split('.') is [var name, .., "valid", "json"] && name == schema)
            .Order(StringComparer.Ordinal)
            .First()!;
        var parts = file.Split('.');
        return (file, parts.Length == 4 ? parts[1] : null);
    }
}
