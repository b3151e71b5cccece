using TenancySchemas.Docs.Tests.Links;
using TenancySchemas.Docs.Tests.Snippets;

namespace TenancySchemas.Docs.Tests;

/// <summary>
/// The repository's docs as users read them (README.md, docs/**, src/*/README.md): every C# block compiles, the
/// quick start prints what the README says, every relative link and anchor resolves, and the README stays short.
/// </summary>
/// <remarks>
/// <para>
/// Each <c>```csharp</c> (or <c>```cs</c>) block is compiled on its own, as in a new Web SDK project that references
/// TenancySchemas and TenancySchemas.AspNetCore: C# 14, nullable enabled, the Web SDK's implicit usings. A fragment
/// that needs context gets it from an HTML comment directly above it (blank lines between are fine), which GitHub and
/// NuGet do not show; its usings, statements and types are placed around the block so that both stay valid C#:
/// </para>
/// <code>
/// &lt;!-- snippet-prelude
/// using TenancySchemas;
/// var services = new ServiceCollection();
/// --&gt;
/// ```csharp
/// services.AddTenancySchemas();
/// ```
/// </code>
/// <para>
/// A block marked <c>&lt;!-- snippet: run --&gt;</c> (it may also have a prelude) is compiled, run in this process,
/// and what it writes to <c>Console</c> must equal the next <c>```text</c> block of the file, exactly (but for the
/// final line break). It runs with the culture en-US unless it sets one, and must end by itself.
/// </para>
/// </remarks>
public sealed class DocsTests
{
    private const int ReadmeLimit = 12 * 1024;

    /// <summary>Gets one case per C# block, named by file and opening-fence line (e.g. <c>README.md:116</c>).</summary>
    public static TheoryData<string> CSharpBlocks() =>
        new(DocsRepository.Files.SelectMany(file => file.Value.CSharpBlocks.Select(block => $"{file.Key}:{block.FenceLine}")));

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Each_csharp_block_compiles_and_a_run_block_prints_its_text_block(string block)
    {
        var (file, markdown, fenced) = DocsRepository.Block(block);

        // One string, so that the failure shows every problem, one a line.
        string.Join('\n', SnippetCheck.Problems(file, markdown, fenced)).Should().BeEmpty(
            fenced.Run
                ? "the block at {0} is marked <!-- snippet: run -->: it must compile and print the ```text block after it"
                : "the C# block at {0} must compile on its own (C# 14, nullable, the Web SDK's implicit usings; hidden context goes in a <!-- snippet-prelude … --> comment just above it)",
            block);
    }

    [Fact]
    public void Snippet_annotations_each_annotate_a_csharp_block()
    {
        var problems = DocsRepository.Files.SelectMany(file => file.Value.Problems.Select(p => $"{file.Key}:{p.Line}: {p.Message}"));

        string.Join('\n', problems).Should().BeEmpty("a misspelt or misplaced annotation would silently leave a block unchecked");
    }

    [Fact]
    public void The_readme_quick_start_is_run()
    {
        DocsRepository.Files["README.md"].CSharpBlocks.Should().Contain(b => b.Run,
            "the README's quick start must be marked <!-- snippet: run --> and followed by a ```text block with its output, so that what it prints is checked");
    }

    [Fact]
    public void Every_relative_link_and_anchor_resolves()
    {
        DocsRepository.Files.Values.Sum(f => f.Links.Count).Should().BePositive("the docs link to each other; finding no link at all would mean the parser broke");
        string.Join('\n', LinkChecker.BrokenLinks(DocsRepository.Root, DocsRepository.Files.Keys)).Should().BeEmpty(
            "links of README.md, docs/ and the package READMEs must name files of the repository and headings (or <a id>) of Markdown files");
    }

    [Fact]
    public void The_readme_is_at_most_12_KiB()
    {
        new FileInfo(Path.Combine(DocsRepository.Root, "README.md")).Length.Should().BeLessThanOrEqualTo(ReadmeLimit,
            "README.md is the landing page on GitHub and NuGet (the package ships it): it says what the library is, how to install and start, and links into docs/ for the details");
    }
}
