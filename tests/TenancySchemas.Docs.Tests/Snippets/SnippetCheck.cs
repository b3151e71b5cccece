using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests.Snippets;

/// <summary>What the docs tests require of a C# block: it compiles, and a run block prints the <c>text</c> block after it.</summary>
internal static class SnippetCheck
{
    /// <summary>Gets what is wrong with a block of a Markdown file (empty when nothing is).</summary>
    /// <param name="file">The file's path relative to the repository, for messages.</param>
    /// <param name="markdown">The parsed file.</param>
    /// <param name="block">One of its C# blocks.</param>
    public static IReadOnlyList<string> Problems(string file, MarkdownFile markdown, FencedBlock block)
    {
        var snippet = Snippet.Of(file, block);
        if (!block.Run)
        {
            return SnippetCompiler.Compile(snippet).Errors;
        }

        if (markdown.ExpectedOutput(block) is not { } expectedBlock)
        {
            return [$"{snippet.Name} is a run block, but no ```text block follows it in {file} to say what it prints"];
        }

        var (run, errors) = SnippetRunner.CompileAndRun(snippet);
        if (run is null)
        {
            return errors;
        }

        var problems = new List<string>();
        if (run.Exception is not null)
        {
            problems.Add($"it threw {run.Exception}");
        }

        if (run.ExitCode != 0)
        {
            problems.Add($"it returned the exit code {run.ExitCode}");
        }

        var expected = string.Join('\n', expectedBlock.Lines);
        var actual = run.Output.EndsWith('\n') ? run.Output[..^1] : run.Output;
        if (actual != expected)
        {
            problems.Add(Difference(expected, actual, $"{file}:{expectedBlock.FenceLine}"));
        }

        return problems;
    }

    private static string Difference(string expected, string actual, string expectedAt)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var want = line < expectedLines.Length ? $"«{expectedLines[line]}»" : "(no more lines)";
        var got = line < actualLines.Length ? $"«{actualLines[line]}»" : "(no more lines)";
        return $"its output differs from the ```text block at {expectedAt}, first at line {line + 1} of the output:\n" +
               $"  expected: {want}\n  actual:   {got}\nthe whole output:\n{actual}";
    }
}
