using System.Text;
using TenancySchemas.Json;

namespace TenancySchemas.Cli.Tests;

/// <summary>
/// The document size limit comes before anything else reads a document: a file's length is checked before it is read,
/// standard input is read to one byte over the limit at most, and an NDJSON line over the limit is refused by number
/// while the input is read past it, in memory bounded by the limit.
/// </summary>
[Collection("Console culture")]
public sealed class SizeLimitTests : IDisposable
{
    private const int Limit = TenancyJsonOptions.DefaultMaxDocumentBytes;

    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-cli-size-").FullName;

    private static string ValidLine => Cli.SampleLine("alert.trial.valid.json");

    // {"$schema": "alert", "name": "xxx…"} of exactly the given length in bytes.
    private static string AlertOfLength(int bytes, string beginning = "{\"$schema\": \"alert\", \"name\": \"")
        => beginning + new string('x', bytes - beginning.Length - 2) + "\"}";

    [Fact]
    public void A_file_over_the_limit_is_refused_by_its_length_naming_its_size()
    {
        var file = Path.Combine(_folder, "big.json");
        File.WriteAllText(file, AlertOfLength(Limit + 10));

        foreach (var args in new[] { new[] { "validate", file, "--format", "json" }, ["validate", file, "--format", "json", "--schema", "alert"] })
        {
            var result = Cli.Run(args);

            result.Exit.Should().Be(1);
            var error = result.Results.Single()["errors"]!.AsArray().Should().ContainSingle().Subject!;
            error["code"]!.GetValue<string>().Should().Be("tenancy.json.document_too_large");
            error["message"]!.GetValue<string>().Should().Be($"The document is {Limit + 10} bytes; the limit is {Limit}");
        }
    }

    [Fact]
    public void A_file_at_the_limit_is_read()
    {
        var file = Path.Combine(_folder, "edge.json");
        File.WriteAllText(file, AlertOfLength(Limit));

        var result = Cli.Run("validate", file, "--format", "json");

        result.Exit.Should().Be(1, "its name is far too long for an alert");
        result.Results.Single()["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().NotContain("tenancy.json.document_too_large");
    }

    [Fact]
    public void Standard_input_over_the_limit_is_read_to_one_byte_over_and_refused_under_the_schema_its_first_bytes_name()
    {
        var input = new GeneratedStream("{\"$schema\": \"alert\", \"name\": \"", 'x', 64L << 20, "\"}\n");

        var result = Cli.Run(input, "validate", "-", "--format", "json", "--locale", "de");

        result.Exit.Should().Be(1);
        result.Results.Single()["errors"]![0]!["message"]!.GetValue<string>().Should().Be($"Das Dokument ist > {Limit} Bytes groß; die Grenze liegt bei {Limit}");
        input.BytesRead.Should().Be(Limit + 1, "nothing past the first byte over the limit is read");
    }

    [Fact]
    public void Standard_input_over_the_limit_that_names_no_schema_in_its_first_bytes_cannot_be_validated()
    {
        var input = new GeneratedStream("{\"name\": \"", 'x', 8L << 20, "\", \"$schema\": \"alert\"}");

        var result = Cli.Run(input, "validate", "-");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Equal(
            $"error: stdin: cannot tell the schema of a document over the size limit of {Limit} bytes from its first bytes; pass --schema ({string.Join(", ", TenancySchemas.Schemas.SchemaRegistry.All)}) or put its \"$schema\" member first.");
        input.BytesRead.Should().Be(Limit + 1);
    }

    [Fact]
    public void With_ndjson_a_line_over_the_limit_is_refused_by_number_and_the_next_lines_are_validated()
    {
        var input = new GeneratedStream(ValidLine + "\r\n{\"name\": \"", 'x', 5L << 20, "\"}\r\n" + ValidLine + "\n\n" + ValidLine);

        var result = Cli.Run(input, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Select(r => (r["line"]!.GetValue<long>(), r["valid"]!.GetValue<bool>())).Should().Equal((1L, true), (2L, false), (3L, true), (5L, true));
        var error = result.Results[1]["errors"]!.AsArray().Should().ContainSingle().Subject!;
        error["code"]!.GetValue<string>().Should().Be("tenancy.json.document_too_large");
        error["message"]!.GetValue<string>().Should().Be($"The document is > {Limit} bytes; the limit is {Limit}");
        result.Error.Should().Contain("stdin: 5 line(s)");
    }

    [Fact]
    public void With_ndjson_from_a_file_a_line_over_the_limit_is_refused_and_the_next_lines_are_validated()
    {
        var file = Path.Combine(_folder, "alert.ndjson");
        File.WriteAllText(file, ValidLine + "\n" + AlertOfLength(3 * Limit) + "\n" + ValidLine + "\n");

        var result = Cli.Run("validate", file, "--ndjson", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Select(r => (r["line"]!.GetValue<long>(), r["valid"]!.GetValue<bool>())).Should().Equal((1L, true), (2L, false), (3L, true));
        result.Results[1]["errors"]![0]!["code"]!.GetValue<string>().Should().Be("tenancy.json.document_too_large", "the lines without a \"$schema\" member take the schema from the file name");
    }

    [Fact]
    public void With_ndjson_the_last_line_over_the_limit_without_a_newline_is_refused()
    {
        var input = new GeneratedStream(ValidLine + "\n{\"name\": \"", 'x', 2L << 20, "\"}");

        var result = Cli.Run(input, "validate", "-", "--ndjson", "--schema", "alert", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(1);
        result.Results.Select(r => (r["line"]!.GetValue<long>(), r["valid"]!.GetValue<bool>())).Should().Equal((1L, true), (2L, false));
    }

    [Theory]
    [InlineData("\n", 0)]
    [InlineData("\r\n", 0)]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 1)]
    public void With_ndjson_a_line_is_measured_without_its_line_break(string lineBreak, int over)
    {
        var input = AlertOfLength(Limit + over) + lineBreak + ValidLine + lineBreak;

        var result = Cli.RunWithInput(input, "validate", "--ndjson", "--schema", "alert", "--tier", "trial", "--format", "json");

        var codes = result.Results[0]["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();
        if (over > 0)
        {
            codes.Should().Equal("tenancy.json.document_too_large");
        }
        else
        {
            codes.Should().NotContain("tenancy.json.document_too_large");
        }

        result.Results[1]["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void With_ndjson_a_line_over_the_limit_that_names_no_schema_is_a_one_line_error_and_the_run_goes_on()
    {
        var input = new GeneratedStream("{\"name\": \"", 'x', 2L << 20, "\"}\n{\"$schema\": \"alert\"," + ValidLine[1..] + "\n");

        var result = Cli.Run(input, "validate", "-", "--ndjson", "--tier", "trial", "--format", "json");

        result.Exit.Should().Be(2);
        result.ErrorLines.Should().Contain(l => l.StartsWith("error: stdin:1: cannot tell the schema of a document over the size limit", StringComparison.Ordinal));
        result.Results.Should().ContainSingle().Which["line"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public void With_ndjson_a_long_line_is_never_held_whole()
    {
        // Allocations are counted, not time or memory in use: a run over a 256 MiB line allocates about what a run
        // over a short one does, while holding the line (or even a quarter of it) would allocate at least its size.
        static long Allocated(long lineBytes)
        {
            var input = new GeneratedStream("{\"name\": \"", 'x', lineBytes, "\"}\n" + ValidLine + "\n");
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var result = Cli.Run(input, "validate", "-", "--ndjson", "--schema", "alert", "--format", "json");
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            result.Results.Should().HaveCount(2);
            result.Results[0]["errors"]![0]!["code"]!.GetValue<string>().Should().Be("tenancy.json.document_too_large");
            return allocated;
        }

        var shortLine = Allocated(2L << 20);
        var longLine = Allocated(256L << 20);

        longLine.Should().BeLessThan(shortLine + (64L << 20), $"a 256 MiB line allocated {longLine >> 20} MiB, a 2 MiB one {shortLine >> 20} MiB");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
