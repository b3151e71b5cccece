using System.Text;
using System.Text.Json.Nodes;
using TenancySchemas.Schemas;

namespace TenancySchemas.Cli.Tests;

/// <summary>
/// A document's root <c>"$schema"</c> member names its schema (and tier): it is found with a JSON reader, taken out of
/// the document byte for byte before validation, and its problems are that document's one-line error, never a crash.
/// </summary>
[Collection("Console culture")]
public sealed class SchemaHintTests
{
    private static readonly string SchemaNames = string.Join(", ", SchemaRegistry.All.Select(s => s.Name));

    // A valid trial alert without its opening brace, for documents that start with members of their own.
    private static string AlertMembers => Cli.SampleLine("alert.trial.valid.json")[1..];

    [Theory]
    [InlineData("{\"$schema\": \"alert:trial\",", "first")]
    [InlineData("{ \"$schema\" : \"urn:tenancy-schemas:alert:trial\" ,\n", "first, spaced over lines")]
    [InlineData("{\"$schema\":\"https://schemas.example.com/alert.trial.schema.json\",", "a URL naming the tier")]
    public void The_member_is_taken_out_wherever_it_is_and_its_tier_applies(string beginning, string where)
    {
        var first = beginning + AlertMembers;
        var last = "{" + AlertMembers[..^1] + ", \"$schema\": \"alert:trial\"}";
        var middle = "{\"tenant_id\": \"sprout_trial\", \"$schema\": \"urn:tenancy-schemas:alert:trial\"," + AlertMembers.Replace("\"tenant_id\":\"sprout_trial\",", string.Empty, StringComparison.Ordinal);

        foreach (var document in new[] { first, last, middle })
        {
            var result = Cli.RunWithInput(document, "validate", "-", "--format", "json");

            result.Exit.Should().Be(0, $"the member ({where}) is not one of the alert's members: {document}");
            result.Results.Should().ContainSingle().Which["valid"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    [Fact]
    public void The_tier_a_member_names_applies_unless_tier_is_given()
    {
        var document = Cli.SampleObject("alert.trial.valid.json");
        document["recipients"] = new JsonArray("a@x.example", "b@x.example", "c@x.example", "d@x.example");
        document["$schema"] = "urn:tenancy-schemas:alert:trial";

        var trial = Cli.RunWithInput(document.ToJsonString(), "validate", "-", "--format", "json");
        var enterprise = Cli.RunWithInput(document.ToJsonString(), "validate", "-", "--format", "json", "--tier", "enterprise");

        trial.Exit.Should().Be(1);
        trial.Results.Single()["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Equal("tenancy.tier.too_many_recipients");
        enterprise.Exit.Should().Be(0, "--tier wins over the tier the document names for itself");
    }

    [Fact]
    public void The_only_member_is_taken_out_leaving_an_empty_object()
    {
        var result = Cli.RunWithInput("{\"$schema\": \"alert\"}", "validate", "-", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Single()["errors"]!.AsArray().Should().OnlyContain(e => e!["code"]!.GetValue<string>() == "tenancy.json.missing_member");
    }

    [Fact]
    public void A_byte_order_mark_before_the_document_is_skipped_when_looking_for_the_member()
    {
        var document = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"$schema\": \"alert:trial\"," + AlertMembers)).ToArray();

        var result = Cli.RunWithInput(document, "validate", "-");

        result.Exit.Should().Be(0);
        result.Output.Should().Contain("stdin: valid");
    }

    [Fact]
    public void A_member_named_schema_below_the_root_is_data_and_stays()
    {
        var document = Cli.SampleObject("alert.trial.valid.json");
        document["tags"] = new JsonObject { ["$schema"] = "warning" };
        document["$schema"] = "alert";

        var result = Cli.RunWithInput(document.ToJsonString(), "validate", "-", "--schema", "alert", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(0, "only the root member names the schema; the tag is a value of the alert");
    }

    [Fact]
    public void A_member_that_agrees_with_schema_is_taken_out_too()
    {
        var document = "{\"$schema\": \"alert\"," + AlertMembers;

        Cli.RunWithInput(document, "validate", "-", "--schema", "alert", "--tier", "trial").Exit.Should().Be(0, "the member is not reported as an unknown member of the alert");
    }

    [Fact]
    public void A_member_that_names_another_schema_than_schema_is_the_documents_error()
    {
        var result = Cli.RunWithInput("{\"$schema\": \"warning\"," + AlertMembers, "validate", "-", "--schema", "alert");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: stdin: \"$schema\" names 'warning' but --schema is 'alert'.");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void A_duplicate_member_beside_the_hint_is_the_libraries_read_error_not_a_crash()
    {
        var document = "{\"$schema\": \"alert\", \"name\": \"First name\"," + AlertMembers;

        var result = Cli.RunWithInput(document, "validate", "-", "--format", "json");

        result.Exit.Should().Be(1);
        result.Error.Should().NotContain("Exception").And.NotContain("   at ");
        result.Results.Single()["errors"]!.AsArray().Should().ContainSingle(e => e!["code"]!.GetValue<string>() == "tenancy.json.malformed" && e["path"]!.GetValue<string>() == "$.name");
    }

    [Fact]
    public void With_ndjson_a_duplicate_member_beside_the_hint_fails_its_line_and_the_run_goes_on()
    {
        var lines = "{\"$schema\": \"alert\", \"name\": \"First name\"," + AlertMembers + "\n{\"$schema\": \"alert\"," + AlertMembers + "\n";

        var result = Cli.RunWithInput(lines, "validate", "--ndjson", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Select(r => (r["line"]!.GetValue<long>(), r["valid"]!.GetValue<bool>())).Should().Equal((1L, false), (2L, true));
    }

    [Theory]
    [InlineData("{\"$schema\": \"alert\", \"$schema\": \"alert\",", "\"$schema\" appears more than once.")]
    [InlineData("{\"$schema\": 5,", "\"$schema\" is a number, not a string naming a schema.")]
    [InlineData("{\"$schema\": {\"name\": \"alert\"},", "\"$schema\" is an object, not a string naming a schema.")]
    [InlineData("{\"$schema\": null,", "\"$schema\" is null, not a string naming a schema.")]
    [InlineData("{\"$schema\": \"gadget\",", "\"$schema\" \"gadget\" names no known schema; known: {names}.")]
    [InlineData("{\"$schema\": \"urn:tenancy-schemas:alert:gold\",", "\"$schema\" \"urn:tenancy-schemas:alert:gold\" names no known tier after 'alert'; tiers: enterprise, professional, standard, trial.")]
    [InlineData("{\"$schema\": \"\\u001b[31mred\",", "\"$schema\" \"\\u001B[31mred\" names no known schema; known: {names}.")]
    public void A_member_that_names_no_schema_is_a_one_line_error_for_that_document(string beginning, string message)
    {
        var expected = message.Replace("{names}", SchemaNames, StringComparison.Ordinal);

        var single = Cli.RunWithInput(beginning + AlertMembers, "validate", "-");
        var lines = Cli.RunWithInput(Cli.SampleLine("alert.trial.valid.json") + "\n" + beginning + AlertMembers + "\n", "validate", "--ndjson", "--schema", "alert", "--format", "json");

        single.Exit.Should().Be(2);
        single.ErrorLines.Should().Equal($"error: stdin: {expected}");
        single.Output.Should().BeEmpty();
        lines.Exit.Should().Be(2);
        lines.ErrorLines.Should().Contain($"error: stdin:2: {expected}");
        lines.Results.Should().ContainSingle().Which["line"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public void A_long_value_is_shortened_in_the_error()
    {
        var result = Cli.RunWithInput("{\"$schema\": \"" + new string('x', 5_000) + "\"}", "validate", "-");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal($"error: stdin: \"$schema\" \"{new string('x', 60)}…\" names no known schema; known: {SchemaNames}.");
    }

    [Fact]
    public void Malformed_json_before_the_member_is_a_one_line_error_with_its_position_when_nothing_else_names_the_schema()
    {
        var result = Cli.RunWithInput("{\"name\": tru, \"$schema\": \"alert\"}", "validate", "-");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal(
            $"error: stdin: cannot tell the schema: the document is not valid JSON before any \"$schema\" member (line 1, byte 13); pass --schema ({SchemaNames}).");
    }

    [Fact]
    public void Malformed_json_is_the_libraries_read_error_when_the_schema_is_known_otherwise()
    {
        var result = Cli.RunWithInput("{\"name\": tru, \"$schema\": \"alert\"}", "validate", "-", "--schema", "alert", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Single()["errors"]![0]!["code"]!.GetValue<string>().Should().Be("tenancy.json.malformed");
    }

    [Fact]
    public void Without_a_member_the_file_name_tells_the_schema_and_without_either_the_document_cannot_be_validated()
    {
        var folder = Directory.CreateTempSubdirectory("tenancy-cli-hint-").FullName;
        try
        {
            var named = Path.Combine(folder, "alert.trial.mine.json");
            var unnamed = Path.Combine(folder, "mine.json");
            File.WriteAllText(named, Cli.SampleLine("alert.trial.valid.json"));
            File.WriteAllText(unnamed, Cli.SampleLine("alert.trial.valid.json"));

            Cli.Run("validate", named).Exit.Should().Be(0);
            var result = Cli.Run("validate", unnamed);
            result.Exit.Should().Be(2);
            result.ErrorLines.Should().Equal($"error: {unnamed}: cannot tell the schema; pass --schema ({SchemaNames}) or add a \"$schema\" member.");
            result.Output.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
