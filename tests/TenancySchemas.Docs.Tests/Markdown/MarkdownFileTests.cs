namespace TenancySchemas.Docs.Tests.Markdown;

public sealed class MarkdownFileTests
{
    [Fact]
    public void Finds_each_fenced_block_with_its_language_and_fence_line()
    {
        var guide = FixtureFiles.Read("guide.md");

        guide.Blocks.Select(b => b.Language).Should().Equal("csharp", "cs", "csharp", "csharp", "csharp", "csharp", "csharp", "csharp", "text", "json");
        guide.CSharpBlocks.Should().HaveCount(8);
        guide.Blocks[0].FenceLine.Should().Be(FixtureFiles.LineOf("guide.md", "## Compiles as a program") + 2);
        guide.Blocks[0].Lines.Should().Equal("using TenancySchemas;", "", "using var services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();");
    }

    [Fact]
    public void A_fence_indented_in_a_list_item_loses_its_indentation()
    {
        var block = FixtureFiles.BlockWith("guide.md", "WebApplication.CreateBuilder");

        block.FenceLine.Should().Be(FixtureFiles.LineOf("guide.md", "WebApplication.CreateBuilder") - 1);
        block.Lines.Should().Equal(
            "var builder = WebApplication.CreateBuilder(args);",
            "var app = builder.Build();",
            "app.MapGet(\"/\", () => Results.Ok(\"hello\"));",
            "app.Run();");
    }

    [Fact]
    public void A_prelude_comment_attaches_its_code_and_first_line_to_the_next_csharp_block()
    {
        var block = FixtureFiles.BlockWith("guide.md", "services.AddTenancySchemas();");

        block.Prelude.Should().NotBeNull();
        block.Prelude!.Lines.Should().Equal("using TenancySchemas;", "var services = new ServiceCollection();");
        block.Prelude.FirstLine.Should().Be(FixtureFiles.LineOf("guide.md", "var services = new ServiceCollection();") - 1, "the code starts on the line after <!-- snippet-prelude");
        block.Run.Should().BeFalse();
    }

    [Fact]
    public void A_run_comment_marks_the_next_csharp_block_and_the_next_text_block_is_its_output()
    {
        var guide = FixtureFiles.Read("guide.md");

        var run = guide.CSharpBlocks.Single(b => b.Run);
        run.Lines.Should().Contain("var validator = services.GetRequiredService<IValidator<TenantConfigSchema>>();");
        guide.ExpectedOutput(run)!.Lines.Should().Equal(
            "Security.MfaRequired [tenancy.compliance.hipaa_requires_mfa] HIPAA compliance requires MFA",
            "1",
            "1 error(s)");
        guide.CSharpBlocks.Where(b => !b.Run).Select(guide.ExpectedOutput).Should().NotContainNulls("blocks before the run block have the same text block after them")
            .And.HaveCount(7);
        guide.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Annotations_that_annotate_no_csharp_block_or_are_unknown_are_problems()
    {
        var annotations = FixtureFiles.Read("annotations.md");

        annotations.Problems.Select(p => p.Line).Should().Equal(
            FixtureFiles.LineOf("annotations.md", "This paragraph is not a C# block") - 1,
            FixtureFiles.LineOf("annotations.md", "snippet: rnu"),
            FixtureFiles.LineOf("annotations.md", "```json") - 1,
            FixtureFiles.LineOf("annotations.md", "snippet-prelude var x"),
            FixtureFiles.LineOf("annotations.md", "var services = new ServiceCollection();") - 1);
        annotations.Problems.Select(p => p.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("followed by something other than a ```csharp block"),
            m => m.Should().Contain("unknown snippet annotation '<!-- snippet: rnu -->'"),
            m => m.Should().Contain("followed by something other than a ```csharp block"),
            m => m.Should().Contain("starts on the line after"),
            m => m.Should().Contain("followed by the end of the file"));
        annotations.CSharpBlocks.Should().OnlyContain(b => !b.Run && b.Prelude == null);
    }

    [Fact]
    public void Anchors_are_githubs_heading_anchors_plus_explicit_ones()
    {
        FixtureFiles.Read("other.md").Anchors.Should().BeEquivalentTo(
            "other-page", "second-section", "second-section-1", "the-tenantconfigschema-record", "tiers--limits-v2",
            "emphasis-and-snake_case", "tenancyjsonmalformed", "see-the-guide", "custom-anchor", "setext-title");
    }

    [Theory]
    [InlineData("Quick start", "quick-start")]
    [InlineData("The `TenancyJson` reader", "the-tenancyjson-reader")]
    [InlineData("`tenancy.json.malformed`", "tenancyjsonmalformed")]
    [InlineData("Tiers & limits (rate limits, quotas)", "tiers--limits-rate-limits-quotas")]
    [InlineData("DEFAULT_LOCALE and TENANCY_SCHEMA_VERSION", "default_locale-and-tenancy_schema_version")]
    [InlineData("Isolation, rate limits & encryption: the threat model", "isolation-rate-limits--encryption-the-threat-model")]
    [InlineData("Exit codes — 0, 1, 2, 3", "exit-codes--0-1-2-3")]
    [InlineData("Vérification des journaux", "vérification-des-journaux")]
    [InlineData("See [the CLI](cli.md) **now**", "see-the-cli-now")]
    [InlineData("C# 14 and .NET 10", "c-14-and-net-10")]
    public void GitHubAnchor_follows_githubs_rules(string heading, string anchor)
    {
        MarkdownFile.GitHubAnchor(heading).Should().Be(anchor);
    }

    [Fact]
    public void Links_outside_code_and_comments_are_found_with_their_line()
    {
        var links = FixtureFiles.Read("guide.md").Links;

        links.Select(l => l.Target).Should().Equal(
            "other.md", "other.md#second-section", "other.md#second-section-1", "other.md#custom-anchor",
            "other.md#the-tenantconfigschema-record", "#compiles-as-a-program", "sub/", "/guide.md#links", "sub/nested.md",
            "other.md#tiers--limits-v2", "sub/pixel.svg", "other.md#setext-title", "other%2Emd", "other.md?plain=1#second-section",
            "https://example.com/missing.md", "mailto:someone@example.com", "other.md#emphasis-and-snake_case");
        links.Single(l => l.Target == "other.md#setext-title").Line.Should().Be(FixtureFiles.LineOf("guide.md", "a link whose text wraps"));
        links.Single(l => l.Target == "other%2Emd").Line.Should().Be(FixtureFiles.LineOf("guide.md", "two lines]"));
    }
}
