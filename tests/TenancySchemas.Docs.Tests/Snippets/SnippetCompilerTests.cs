using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests.Snippets;

public sealed class SnippetCompilerTests
{
    public static TheoryData<int> GuideBlocks() => new(FixtureFiles.Read("guide.md").CSharpBlocks.Select(b => b.FenceLine));

    [Theory]
    [MemberData(nameof(GuideBlocks))]
    public void Each_block_of_the_guide_compiles(int fenceLine)
    {
        var block = FixtureFiles.Read("guide.md").CSharpBlocks.Single(b => b.FenceLine == fenceLine);

        var compilation = SnippetCompiler.Compile(Snippet.Of("guide.md", block));

        compilation.Errors.Should().BeEmpty();
        compilation.Image.Should().NotBeNull();
    }

    [Fact]
    public void A_block_with_top_level_statements_is_a_program_and_one_with_declarations_only_a_library()
    {
        SnippetCompiler.Compile(Snippet.Of("guide.md", FixtureFiles.Read("guide.md").CSharpBlocks.First())).IsProgram.Should().BeTrue();
        Compile("guide.md", "public sealed record Widget").IsProgram.Should().BeFalse();
    }

    [Fact]
    public void A_block_that_does_not_compile_fails_with_the_error_id_its_block_line_and_its_file_line()
    {
        var compilation = Compile("broken.md", "undefinedVariable");

        compilation.Image.Should().BeNull();
        compilation.Errors.Should().ContainSingle().Which.Should().Be(
            $"CS0103 at block line 2 (broken.md:{FixtureFiles.LineOf("broken.md", "undefinedVariable")}): The name 'undefinedVariable' does not exist in the current context");
    }

    [Fact]
    public void An_error_in_a_prelude_points_at_the_prelude_line_in_the_file()
    {
        var compilation = Compile("broken.md", "services.Count");

        compilation.Errors.Should().ContainSingle().Which.Should().StartWith(
            $"CS1061 at prelude line 2 (broken.md:{FixtureFiles.LineOf("broken.md", "AddNothingSuchExists")}): 'ServiceCollection' does not contain a definition for 'AddNothingSuchExists'");
    }

    [Fact]
    public void Without_its_prelude_a_fragment_does_not_compile_and_its_lines_are_its_own()
    {
        var block = FixtureFiles.BlockWith("guide.md", "services.AddTenancySchemas();") with { Prelude = null };

        var errors = SnippetCompiler.Compile(Snippet.Of("guide.md", block)).Errors;

        errors.Should().Contain($"CS0103 at block line 4 (guide.md:{FixtureFiles.LineOf("guide.md", "services.AddTenancySchemas();")}): The name 'services' does not exist in the current context");
    }

    [Fact]
    public void A_prelude_with_usings_statements_and_types_wraps_a_block_with_its_own_usings()
    {
        // Concatenated as written, the block's using directives would follow the prelude's statements (CS1529) and the
        // prelude's class would precede the block's statements (CS8803).
        var block = FixtureFiles.BlockWith("guide.md", "Show(new TenantConfigSchema");
        var withUsing = block with { Lines = ["using System.Text;", .. block.Lines, "var text = new StringBuilder();"] };

        SnippetCompiler.Compile(Snippet.Of("guide.md", withUsing)).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Warnings_do_not_fail_but_nullable_analysis_is_on()
    {
        var compilation = Compile("guide.md", "maybe.Length");

        compilation.Errors.Should().BeEmpty();
        compilation.Image.Should().NotBeNull();
        compilation.Warnings.Should().ContainSingle().Which.Should().StartWith($"CS8602 at block line 2 (guide.md:{FixtureFiles.LineOf("guide.md", "maybe.Length")})");
    }

    [Fact]
    public void The_web_sdks_implicit_usings_and_aspnet_core_are_available()
    {
        var snippet = new Snippet("inline.md", 1, ["var client = new HttpClient();", "var app = WebApplication.Create();", "ILogger? logger = null;", "await Task.Yield();"], null);

        SnippetCompiler.Compile(snippet).Errors.Should().BeEmpty();
    }

    [Fact]
    public void A_using_the_web_sdk_does_not_import_is_an_error()
    {
        var snippet = new Snippet("inline.md", 1, ["var culture = CultureInfo.InvariantCulture;"], null);

        SnippetCompiler.Compile(snippet).Errors.Should().ContainSingle().Which.Should().StartWith("CS0103 at block line 1 (inline.md:2)");
    }

    private static SnippetCompilation Compile(string file, string text) => SnippetCompiler.Compile(Snippet.Of(file, FixtureFiles.BlockWith(file, text)));
}
