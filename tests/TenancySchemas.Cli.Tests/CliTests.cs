using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TenancySchemas.Cli.Tests;

/// <summary>The command line as a user runs it: arguments, standard streams, exit codes.</summary>
[Collection("Console culture")]
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-cli-").FullName;

    private static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    private static (int Exit, string Output, string Error) RunWithInput(string input, params string[] args) => RunOn(input, terminal: false, args);

    private static (int Exit, string Output, string Error) RunOn(string input, bool terminal, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var exit = CliApp.Run(args, new CliStreams(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, error, OutputIsTerminal: terminal, ErrorIsTerminal: terminal));
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static (int Exit, string Output, string Error) Run(params string[] args) => RunWithInput(string.Empty, args);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Sample(string name) => Path.Combine(Samples, name);

    private static string SampleText(string name) => File.ReadAllText(Sample(name));

    [Fact]
    public void Without_arguments_it_validates_the_bundled_samples_and_each_has_its_announced_outcome()
    {
        var (exit, output, _) = Run();

        exit.Should().Be(0);
        var files = Directory.GetFiles(Samples, "*.json");
        var valid = files.Count(f => f.EndsWith(".valid.json", StringComparison.Ordinal));
        output.Should().Contain($"{files.Length} document(s): {valid} valid, {files.Length - valid} invalid").And.Contain("every sample has the outcome its name announces");
    }

    [Fact]
    public void A_valid_document_exits_0_an_invalid_one_1_and_text_names_path_code_and_message()
    {
        Run("validate", Sample("alert.trial.valid.json")).Exit.Should().Be(0);

        var (exit, output, _) = Run("validate", Sample("alert.trial.invalid.json"), "--locale", "de");
        exit.Should().Be(1);
        output.Should().Contain("✗").And.Contain("$.recipients [tenancy.tier.too_many_recipients] Test-Mandanten dürfen höchstens 3 Empfänger");
        output.Should().Contain("1 document(s): 0 valid, 1 invalid");
        output.Should().NotContain("\u001b[", "colours only on a terminal");
    }

    [Fact]
    public void A_document_with_only_warnings_exits_0()
    {
        var document = JsonNode.Parse(SampleText("performance-metrics.standard.valid.json"))!.AsObject();
        document["thresholds"]![0]!["operator"] = "between";
        document["thresholds"]![0]!.AsObject().Remove("critical_value");
        var file = Write("performance-metrics.standard.warning.json", document.ToJsonString());

        var (exit, output, _) = Run("validate", file, "--format", "json");

        exit.Should().Be(0);
        var result = JsonNode.Parse(output.Trim())!;
        result["valid"]!.GetValue<bool>().Should().BeTrue();
        result["errors"]!.AsArray().Should().Contain(e => e!["severity"]!.GetValue<string>() == "warning" && e["code"]!.GetValue<string>() == "tenancy.performance.between_bounds");
    }

    [Fact]
    public void Json_output_is_one_object_per_document_with_localized_messages()
    {
        var (exit, output, error) = Run("validate", Sample("alert.trial.invalid.json"), Sample("alert.trial.valid.json"), "--format", "json", "--locale", "fr");

        exit.Should().Be(1);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        lines.Should().HaveCount(2);
        lines[0]["valid"]!.GetValue<bool>().Should().BeFalse();
        var recipients = lines[0]["errors"]!.AsArray().Single(e => e!["path"]!.GetValue<string>() == "$.recipients")!;
        recipients["code"]!.GetValue<string>().Should().Be("tenancy.tier.too_many_recipients");
        recipients["severity"]!.GetValue<string>().Should().Be("error");
        recipients["message"]!.GetValue<string>().Should().Contain("Essai");
        lines[1]["valid"]!.GetValue<bool>().Should().BeTrue();
        error.Should().Contain("2 document(s): 1 valid, 1 invalid", "the summary leaves standard output pure JSON Lines");
    }

    [Fact]
    public void Standard_input_takes_the_schema_and_tier_from_a_schema_hint()
    {
        var document = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.AsObject();
        document["recipients"] = new JsonArray("a@x.example", "b@x.example", "c@x.example", "d@x.example");
        document["$schema"] = "urn:tenancy-schemas:alert:trial";

        var (exit, output, _) = RunWithInput(document.ToJsonString(), "validate", "-");

        exit.Should().Be(1);
        output.Should().Contain("tenancy.tier.too_many_recipients").And.NotContain("unknown_member", "the hint is not a member of the document");
        document["$schema"] = "https://schemas.example.com/tenancy/alert.schema.json";
        RunWithInput(document.ToJsonString(), "validate", "-", "--tier", "enterprise").Exit.Should().Be(0);
    }

    [Fact]
    public void Usage_and_input_errors_exit_2_naming_the_problem()
    {
        Run("validate", Path.Combine(_folder, "missing.json")).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("cannot read"));
        var unnamed = Write("document.json", SampleText("alert.trial.valid.json"));
        Run("validate", unnamed).Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("pass --schema"));
        Run("validate", unnamed, "--schema", "gadget").Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("unknown schema 'gadget'"));
        Run("validate", unnamed, "--schema", "alert", "--tier", "gold").Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("--tier 'gold'"));
        Run("validate", unnamed, "--schema", "alert", "--locale", "it").Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("--locale 'it'"));
        Run("validate", unnamed, "--schema", "alert", "--isolation", "loose").Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("--isolation 'loose'"));
        Run("validate", unnamed, "--schema", "alert", "--format", "yaml").Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("--format 'yaml'"));
        Run("validate", unnamed, "--schema", "alert", "--tier", "trial").Exit.Should().Be(0);
    }

    [Fact]
    public void The_current_tenant_and_strict_isolation_reject_another_tenants_document()
    {
        var file = Sample("alert.trial.valid.json");

        Run("validate", file, "--tenant", "sprout_trial", "--isolation", "strict").Exit.Should().Be(0);
        var (exit, output, _) = Run("validate", file, "--tenant", "someone_else", "--isolation", "strict", "--format", "json");
        exit.Should().Be(1);
        output.Should().Contain("tenancy.isolation.tenant_mismatch");
        Run("validate", file, "--isolation", "strict").Output.Should().Contain("tenancy.isolation.no_tenant_context", "strict isolation fails closed without a tenant");
    }

    [Fact]
    public void Ndjson_gives_one_result_per_line_including_unreadable_lines()
    {
        var valid = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.ToJsonString();
        var invalid = JsonNode.Parse(SampleText("alert.trial.invalid.json"))!.ToJsonString();
        var input = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            input.Append(i % 3 == 2 ? invalid : valid).Append(i % 2 == 0 ? "\n" : "\r\n");
        }

        input.Append('\n').Append("{\"tenant_id\": ").Append('\n').Append(valid);

        var (exit, output, error) = RunWithInput(input.ToString(), "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial", "--format", "json");

        exit.Should().Be(1);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        results.Should().HaveCount(302, "one result per non-empty line");
        results.Count(r => !r["valid"]!.GetValue<bool>()).Should().Be(101);
        results[^2]!["line"]!.GetValue<long>().Should().Be(302);
        results[^2]!["errors"]![0]!["code"]!.GetValue<string>().Should().Be("tenancy.json.malformed");
        results[^1]!["valid"]!.GetValue<bool>().Should().BeTrue("a last line without a newline still counts");
        error.Should().Contain("303 line(s)").And.Contain("documents/s");
    }

    [Fact]
    public void On_a_terminal_ndjson_shows_progress_on_stderr_and_text_is_coloured()
    {
        var valid = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.ToJsonString();
        var input = string.Concat(Enumerable.Repeat(valid + "\n", 50));

        var (exit, output, error) = RunOn(input, terminal: true, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial");

        exit.Should().Be(0);
        error.Should().Contain("\r50 documents, ");
        output.Should().Contain("\u001b[32m✓\u001b[0m stdin:1: valid");
        RunWithInput(input, "validate", "-", "--ndjson", "--schema", "alert").Error.Should().NotContain("\r", "no progress line when stderr is not a terminal");
    }

    [Fact]
    public void Ndjson_batches_run_in_parallel_but_keep_input_order_and_the_callers_language()
    {
        var valid = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.ToJsonString();
        var invalid = JsonNode.Parse(SampleText("alert.trial.invalid.json"))!.ToJsonString();
        var input = string.Concat(Enumerable.Range(0, 1_500).Select(i => (i % 7 == 3 ? invalid : valid) + "\n"));

        var (_, output, _) = RunWithInput(input, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial", "--format", "json", "--locale", "de");

        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        results.Select(r => r["line"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, 1_500).Select(i => (long)i), "results come back in input order across batches");
        results.Select(r => r["valid"]!.GetValue<bool>()).Should().Equal(Enumerable.Range(0, 1_500).Select(i => i % 7 != 3));
        results.Where(r => !r["valid"]!.GetValue<bool>()).SelectMany(r => r["errors"]!.AsArray())
            .Where(e => e!["code"]!.GetValue<string>() == "tenancy.tier.too_many_recipients")
            .Should().HaveCount(Enumerable.Range(0, 1_500).Count(i => i % 7 == 3)).And.OnlyContain(e => e!["message"]!.GetValue<string>().Contains("Test-Mandanten", StringComparison.Ordinal), "workers use the caller's language");
    }

    [Fact]
    public void Ndjson_lines_can_name_their_own_schema()
    {
        var alert = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.AsObject();
        alert["$schema"] = "alert";
        var warning = JsonNode.Parse(SampleText("warning.standard.valid.json"))!.AsObject();
        warning["$schema"] = "urn:tenancy-schemas:warning:standard";
        var input = alert.ToJsonString() + "\n" + warning.ToJsonString() + "\n{\"no\": \"hint\"}\n";

        var (exit, output, error) = RunWithInput(input, "validate", "--ndjson", "--tier", "enterprise");

        exit.Should().Be(2, "the third line names no schema");
        output.Should().Contain("stdin:1: valid").And.Contain("stdin:2: valid");
        error.Should().Contain("stdin:3: cannot tell the schema");
    }

    [Fact]
    public void Ndjson_lines_without_a_schema_are_reported_in_input_order_across_batches()
    {
        var alert = JsonNode.Parse(SampleText("alert.trial.valid.json"))!.AsObject();
        alert["$schema"] = "alert";
        var lines = Enumerable.Range(1, 700).Select(i => i % 9 == 0 ? "{\"no\": \"hint\"}" : alert.ToJsonString()).ToArray();

        var (exit, output, error) = RunWithInput(string.Join("\n", lines), "validate", "--ndjson", "--tier", "enterprise", "--format", "json");

        exit.Should().Be(2, "lines name no schema");
        var unknown = error.Split('\n').Where(l => l.Contains("cannot tell the schema", StringComparison.Ordinal)).ToArray();
        unknown.Should().Equal(Enumerable.Range(1, 700).Where(i => i % 9 == 0).Select(i => $"error: stdin:{i}: cannot tell the schema; pass --schema ({string.Join(", ", TenancySchemas.Schemas.SchemaRegistry.All)}) or add a \"$schema\" member."));
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["line"]!.GetValue<long>())
            .Should().Equal(Enumerable.Range(1, 700).Where(i => i % 9 != 0).Select(i => (long)i));
        error.Should().Contain("623 document(s): 623 valid, 0 invalid", "700 lines less the 77 without a schema");
    }

    [Fact]
    public void The_schema_command_prints_a_json_schema_with_the_tier_limits()
    {
        var (exit, output, _) = Run("schema", "--name", "notification", "--tier", "trial");

        exit.Should().Be(0);
        var schema = JsonNode.Parse(output)!;
        schema["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema["properties"]!["recipients"]!["maxItems"]!.GetValue<int>().Should().Be(3);
        Run("schema", "--name", "gadget").Exit.Should().Be(2);
        Run("schema").Exit.Should().Be(2, "--name is required");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("validate", "--help")]
    [InlineData("schema", "--help")]
    [InlineData("audit", "verify", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        var (exit, output, _) = Run(args);

        exit.Should().Be(0);
        output.Should().Contain("Usage:");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The CLI sets the UI culture of the thread it runs on: its tests run one at a time.</summary>
[CollectionDefinition("Console culture", DisableParallelization = true)]
public sealed class ConsoleCultureGroup;
