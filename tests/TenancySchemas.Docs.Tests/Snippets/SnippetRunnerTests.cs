using System.Globalization;
using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests.Snippets;

public sealed class SnippetRunnerTests
{
    private static readonly MarkdownFile Broken = FixtureFiles.Read("broken.md");

    [Fact]
    public void The_guides_quick_start_prints_its_text_block()
    {
        var guide = FixtureFiles.Read("guide.md");
        var run = guide.CSharpBlocks.Single(b => b.Run);

        SnippetCheck.Problems("guide.md", guide, run).Should().BeEmpty();
    }

    [Fact]
    public void The_captured_output_is_what_the_block_wrote_to_console_out_and_error()
    {
        var (run, errors) = SnippetRunner.CompileAndRun(Snippet.Of("guide.md", FixtureFiles.Read("guide.md").CSharpBlocks.Single(b => b.Run)));

        errors.Should().BeEmpty();
        run!.Output.Should().EndWith("\n1\n1 error(s)\n");
        run.Exception.Should().BeNull();
        run.ExitCode.Should().Be(0);
    }

    [Fact]
    public void A_wrong_expected_output_is_reported_with_the_first_different_line()
    {
        var problems = Problems("Console.WriteLine(\"two\");");

        problems.Should().ContainSingle().Which.Should().Be(
            $"its output differs from the ```text block at broken.md:{FixtureFiles.LineOf("broken.md", "three") - 2}, first at line 2 of the output:\n" +
            "  expected: «three»\n  actual:   «two»\nthe whole output:\none\ntwo");
    }

    [Fact]
    public void An_exception_is_reported()
    {
        Problems("the quick start broke").Should().ContainSingle().Which.Should()
            .StartWith("it threw System.InvalidOperationException: the quick start broke");
    }

    [Fact]
    public void A_non_zero_exit_code_is_reported()
    {
        Problems("return 3;").Should().Equal("it returned the exit code 3");
    }

    [Fact]
    public void A_run_block_must_be_a_program()
    {
        Problems("NotAProgram").Should().Equal("a run block needs top-level statements (it is run as a program), but this one only declares types");
    }

    [Fact]
    public void A_run_block_needs_a_text_block_after_it()
    {
        Problems("unchecked").Should().Equal(
            $"broken.md:{FixtureFiles.LineOf("broken.md", "unchecked") - 1} is a run block, but no ```text block follows it in broken.md to say what it prints");
    }

    [Fact]
    public void A_run_block_that_does_not_compile_reports_its_errors()
    {
        var block = FixtureFiles.BlockWith("broken.md", "undefinedVariable") with { Run = true };

        SnippetCheck.Problems("broken.md", Broken, block).Should().ContainSingle().Which.Should().StartWith("CS0103 at block line 2");
    }

    [Fact]
    public void A_culture_the_block_sets_stays_in_the_run_and_the_real_console_is_untouched()
    {
        var culture = CultureInfo.CurrentUICulture;
        var output = Console.Out;

        The_guides_quick_start_prints_its_text_block();

        CultureInfo.CurrentUICulture.Should().BeSameAs(culture);
        Console.Out.Should().BeSameAs(output);
    }

    [Fact]
    public void A_run_block_may_have_a_prelude()
    {
        var markdown = MarkdownFile.Parse("<!-- snippet: run -->\n<!-- snippet-prelude\nvar name = \"hidden\";\n-->\n```csharp\nConsole.WriteLine($\"Hello, {name}\");\n```\n\n```text\nHello, hidden\n```\n");
        var block = markdown.CSharpBlocks.Single();

        block.Run.Should().BeTrue();
        SnippetCheck.Problems("inline.md", markdown, block).Should().BeEmpty();
        SnippetCheck.Problems("inline.md", markdown, block with { Prelude = null }).Should().ContainSingle().Which.Should().StartWith("CS0103 at block line 1 (inline.md:6)");
    }

    [Fact]
    public void Each_run_has_its_own_capture()
    {
        var snippet = new Snippet("inline.md", 1, ["Console.Write(\"once\");"], null);

        SnippetRunner.CompileAndRun(snippet).Run!.Output.Should().Be("once");
        SnippetRunner.CompileAndRun(snippet).Run!.Output.Should().Be("once");
    }

    private static IReadOnlyList<string> Problems(string text) => SnippetCheck.Problems("broken.md", Broken, FixtureFiles.BlockWith("broken.md", text));
}
