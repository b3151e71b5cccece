using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests;

/// <summary>The Markdown fixtures under <c>Fixtures/</c> (copied next to the test), for the checkers' own tests.</summary>
internal static class FixtureFiles
{
    /// <summary>Gets the folder of the fixtures, which the link tests treat as a repository root.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Parses a fixture.</summary>
    public static MarkdownFile Read(string name) => MarkdownFile.Read(Path.Combine(Root, name));

    /// <summary>Gets the 1-based line of a fixture that contains <paramref name="text"/> (exactly one must).</summary>
    public static int LineOf(string name, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, name));
        return Enumerable.Range(0, lines.Length).Single(i => lines[i].Contains(text, StringComparison.Ordinal)) + 1;
    }

    /// <summary>Gets the C# block of a fixture whose lines contain <paramref name="text"/>.</summary>
    public static FencedBlock BlockWith(string name, string text) =>
        Read(name).CSharpBlocks.Single(b => b.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)));
}
