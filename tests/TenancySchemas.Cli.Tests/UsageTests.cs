using System.Globalization;
using TenancySchemas.Schemas;

namespace TenancySchemas.Cli.Tests;

/// <summary>
/// Exit codes mean one thing (0 valid, 1 invalid, 2 usage, read or settings error, 3 audit failure), and a usage error
/// is one English line per problem on standard error: no stack trace, no summary, nothing validated.
/// </summary>
[Collection("Console culture")]
public sealed class UsageTests : IDisposable
{
    private static readonly string SchemaNames = string.Join(", ", SchemaRegistry.All.Select(s => s.Name));

    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-cli-usage-").FullName;

    private static string ValidAlert => Cli.Sample("alert.trial.valid.json");

    private static string InvalidAlert => Cli.Sample("alert.trial.invalid.json");

    [Fact]
    public void A_mistyped_option_is_a_usage_error_naming_the_option_meant_and_nothing_is_validated()
    {
        var result = Cli.Run("validate", InvalidAlert, "--teir", "trial");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: unknown option '--teir' (did you mean '--tier'?)");
        result.Output.Should().BeEmpty("no document is validated and no summary is printed after a usage error");
    }

    [Fact]
    public void An_unknown_option_close_to_none_points_to_the_commands_help()
    {
        var result = Cli.Run("validate", ValidAlert, "--frobnicate");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: unknown option '--frobnicate'; see 'tenancy-schemas validate --help'");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void After_a_double_dash_a_name_starting_with_a_dash_is_a_file()
    {
        var result = Cli.Run("validate", "--", "-missing.json");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: cannot read '-missing.json': no such file.");
    }

    [Fact]
    public void An_unknown_option_and_argument_of_the_schema_command_are_usage_errors()
    {
        var result = Cli.Run("schema", "--nme", "alert");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal(
            "error: unknown option '--nme' (did you mean '--name'?)",
            "error: unexpected argument 'alert'; see 'tenancy-schemas schema --help'.",
            $"error: schema needs --name; one of: {SchemaNames}.");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_listing_the_commands()
    {
        var result = Cli.Run("valdiate", ValidAlert);

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: unknown command 'valdiate'; commands: validate, schema, audit.");
        result.Output.Should().BeEmpty("the bundled samples are not run either");
    }

    [Fact]
    public void Audit_without_its_command_is_a_usage_error()
    {
        var result = Cli.Run("audit");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: audit needs a command: verify.");
    }

    [Fact]
    public void A_format_other_than_text_or_json_is_a_usage_error_listing_the_formats()
    {
        var result = Cli.Run("validate", ValidAlert, "--format", "yaml");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: --format 'yaml' is not a format; accepted: text, json.");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void The_schema_command_without_a_name_is_a_usage_error_listing_the_schemas()
    {
        var result = Cli.Run("schema", "--tier", "trial");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal($"error: schema needs --name; one of: {SchemaNames}.");
        result.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("validate", "--schema")]
    [InlineData("schema", "--name")]
    public void An_unknown_schema_name_is_a_usage_error_listing_every_schema_of_the_registry(string command, string option)
    {
        var result = command == "validate" ? Cli.Run(command, ValidAlert, option, "gadget") : Cli.Run(command, option, "gadget");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal($"error: {option}: unknown schema 'gadget'; known: {SchemaNames}.");
        SchemaRegistry.All.Should().OnlyContain(s => result.Error.Contains(s.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Tier_isolation_and_locale_values_outside_their_lists_are_usage_errors_listing_them_all_at_once()
    {
        var result = Cli.Run("validate", ValidAlert, "--tier", "gold", "--isolation", "loose", "--locale", "it");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal(
            "error: --tier 'gold' is not a tier; accepted: enterprise, professional, standard, trial.",
            "error: --isolation 'loose' is not an isolation level; accepted: strict, moderate, basic.",
            "error: --locale 'it' is not a supported locale; accepted: en, fr, de, es.");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Option_values_are_case_insensitive()
    {
        Cli.Run("validate", ValidAlert, "--tier", "Trial", "--isolation", "MODERATE", "--format", "JSON", "--locale", "FR").Exit.Should().Be(0);
    }

    [Fact]
    public void An_option_without_its_value_is_a_usage_error()
    {
        var result = Cli.Run("validate", ValidAlert, "--tier");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: Required argument missing for option: '--tier'.");
    }

    [Fact]
    public void A_directory_given_as_a_document_says_it_is_a_directory()
    {
        var result = Cli.Run("validate", _folder);

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal($"error: cannot read '{_folder}': it is a directory; pass the documents in it (such as '{Path.Combine(_folder, "*.json")}').");
        result.Output.Should().BeEmpty("a summary of no document would bury the error");
    }

    [Fact]
    public void A_directory_given_as_ndjson_input_says_it_is_a_directory()
    {
        var result = Cli.Run("validate", "--ndjson", _folder);

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"error: cannot read '{_folder}': it is a directory;");
    }

    [Fact]
    public void A_missing_file_is_a_read_error_and_the_other_documents_are_still_validated()
    {
        var missing = Path.Combine(_folder, "missing.json");

        var result = Cli.Run("validate", missing, ValidAlert);

        result.Exit.Should().Be(2, "a read error outweighs valid documents");
        result.ErrorLines.Should().Equal($"error: cannot read '{missing}': no such file.");
        result.Output.Should().Contain("alert.trial.valid.json: valid").And.Contain("1 document(s): 1 valid, 0 invalid");
    }

    [Fact]
    public void A_file_name_starting_with_an_at_sign_is_a_document_not_a_response_file()
    {
        var result = Cli.Run("validate", "@missing.json");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: cannot read '@missing.json': no such file.");
    }

    [Fact]
    public void A_closed_standard_output_ends_the_run_with_exit_code_2_and_one_line_without_a_stack_trace()
    {
        var result = Cli.Run(new MemoryStream(), new BrokenStream(), "validate", ValidAlert);

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal("error: Broken pipe");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("validate", "--help")]
    [InlineData("schema", "--help")]
    [InlineData("audit", "verify", "--help")]
    [InlineData("validate", "--teir", "x", "--help")]
    public void Help_wins_over_usage_errors_and_exits_0(params string[] args)
    {
        var result = Cli.Run(args);

        result.Exit.Should().Be(0);
        result.Output.Should().Contain("Usage:");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public void Validate_help_lists_every_schema_tier_isolation_level_format_and_locale()
    {
        var help = Cli.Run("validate", "--help").Output;

        help.Should().Contain($"--schema <name>").And.Contain($"The schema of every document: {SchemaNames}.");
        help.Should().Contain("--tier <enterprise|professional|standard|trial>");
        help.Should().Contain("--isolation <strict|moderate|basic>");
        help.Should().Contain("--format <text|json>");
        help.Should().Contain("--locale <en|fr|de|es>");
        help.Should().Contain("A line over the size limit (1,048,576 bytes) is refused as tenancy.json.document_too_large and the next line is read.");
    }

    [Fact]
    public void Schema_help_lists_every_schema_and_tier_and_only_its_own_options()
    {
        var help = Cli.Run("schema", "--help").Output;

        help.Should().Contain($"The schema (required): {SchemaNames}.").And.Contain("--tier <enterprise|professional|standard|trial>");
        help.Should().NotContain("validate --help", "the names are listed here").And.NotContain("--audit-log").And.NotContain("--locale");
    }

    [Fact]
    public void Root_help_states_the_exit_codes()
    {
        Cli.Run("--help").Output.Should().Contain(
            "Exit codes: 0 every document valid (warnings allowed), 1 a document invalid, 2 a usage, read or settings error, 3 the audit log could not be written.");
    }

    [Fact]
    public void Help_and_usage_errors_are_english_whatever_the_threads_language()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var help = Cli.Run("validate", "--help");
            var missing = Cli.Run("validate", ValidAlert, "--tier");

            help.Output.Should().Contain("Usage:").And.Contain("Show help and usage information");
            missing.ErrorLines.Should().Equal("error: Required argument missing for option: '--tier'.");
            CultureInfo.CurrentUICulture.Name.Should().Be("fr-FR", "the run gives the thread its language back");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Standard output whose reader has gone away.</summary>
    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }
}
