using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests;

/// <summary>
/// The documentation the tests check, read from the working tree: <c>README.md</c>, every Markdown file under
/// <c>docs/</c> and each package's <c>src/*/README.md</c>.
/// </summary>
internal static class DocsRepository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<IReadOnlyDictionary<string, MarkdownFile>> LazyFiles = new(ReadFiles);

    /// <summary>Gets the repository root: the nearest folder above the test that holds <c>TenancySchemas.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Gets the checked Markdown files by path relative to the root ('/' separators), in a stable order.</summary>
    public static IReadOnlyDictionary<string, MarkdownFile> Files => LazyFiles.Value;

    /// <summary>Gets a C# block by its name, e.g. <c>README.md:116</c> (the file and the line of its opening fence).</summary>
    public static (string File, MarkdownFile Markdown, FencedBlock Block) Block(string name)
    {
        var colon = name.LastIndexOf(':');
        var file = name[..colon];
        var line = int.Parse(name[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var markdown = Files[file];
        return (file, markdown, markdown.CSharpBlocks.Single(b => b.FenceLine == line));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TenancySchemas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds TenancySchemas.sln.");
    }

    private static SortedDictionary<string, MarkdownFile> ReadFiles()
    {
        var paths = new List<string> { Path.Combine(Root, "README.md") };
        var docs = Path.Combine(Root, "docs");
        if (Directory.Exists(docs))
        {
            paths.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories));
        }

        paths.AddRange(Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(package => Path.Combine(package, "README.md"))
            .Where(File.Exists));

        var files = new SortedDictionary<string, MarkdownFile>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            files[Path.GetRelativePath(Root, path).Replace('\\', '/')] = MarkdownFile.Read(path);
        }

        return files;
    }
}
