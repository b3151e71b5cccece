using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests.Snippets;

/// <summary>A C# block to compile: where it is (for messages), its lines and its hidden prelude.</summary>
/// <param name="File">The Markdown file, relative to the repository, e.g. <c>README.md</c>.</param>
/// <param name="FenceLine">The 1-based line of the block's opening fence.</param>
/// <param name="Lines">The block's lines.</param>
/// <param name="Prelude">Hidden C# compiled with it, or null.</param>
internal sealed record Snippet(string File, int FenceLine, IReadOnlyList<string> Lines, SnippetPrelude? Prelude)
{
    /// <summary>Gets the block's name in test output: file and fence line, e.g. <c>README.md:116</c>.</summary>
    public string Name => $"{File}:{FenceLine}";

    /// <summary>Makes the snippet of a fenced block.</summary>
    public static Snippet Of(string file, FencedBlock block) => new(file, block.FenceLine, block.Lines, block.Prelude);
}

/// <summary>The outcome of compiling a snippet.</summary>
/// <param name="Errors">Every error, as "id at block line n (file:line): message".</param>
/// <param name="Warnings">Every warning, in the same form; they do not fail a block.</param>
/// <param name="Image">The emitted assembly when there is no error, else null.</param>
/// <param name="IsProgram">Whether the snippet has top-level statements (compiled as a console application).</param>
internal sealed record SnippetCompilation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, byte[]? Image, bool IsProgram);

/// <summary>
/// Compiles a docs snippet on its own, as a user would in a new project of the Web SDK: C# 14, nullable enabled, the
/// Web SDK's implicit usings, and every assembly this test process can load (the .NET and ASP.NET Core shared
/// frameworks, TenancySchemas and its dependencies). A block with top-level statements is a console application;
/// one with only declarations is a library. Errors fail; warnings do not (docs may leave out a null check).
/// </summary>
internal static class SnippetCompiler
{
    private const string BlockPath = "block";
    private const string PreludePath = "prelude";

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp14);

    // The implicit usings of Microsoft.NET.Sdk.Web.
    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), ParseOptions, "GlobalUsings.g.cs", Encoding.UTF8);

    private static readonly SyntaxTree ConsoleTree = CSharpSyntaxTree.ParseText(CapturedConsole.Source, ParseOptions, "CapturedConsole.g.cs", Encoding.UTF8);

    // Built once and shared by every case: later compilations derived from these reuse their resolved references.
    private static readonly Lazy<CSharpCompilation> ProgramBase = new(() => Base(OutputKind.ConsoleApplication));
    private static readonly Lazy<CSharpCompilation> LibraryBase = new(() => Base(OutputKind.DynamicallyLinkedLibrary));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>
    /// Compiles a snippet. With <paramref name="captureConsole"/>, the snippet's <c>Console</c> is a class that
    /// captures what it writes (see <see cref="CapturedConsole"/>), for <see cref="SnippetRunner"/>.
    /// </summary>
    public static SnippetCompilation Compile(Snippet snippet, bool captureConsole = false)
    {
        var source = Compose(snippet);
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, $"{snippet.Name}.cs", Encoding.UTF8);
        var isProgram = ((CompilationUnitSyntax)tree.GetRoot()).Members.Any(m => m is GlobalStatementSyntax);
        var compilation = (isProgram ? ProgramBase : LibraryBase).Value.AddSyntaxTrees(captureConsole ? [tree, ConsoleTree] : [tree]);

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return new SnippetCompilation(Describe(DiagnosticSeverity.Error), Describe(DiagnosticSeverity.Warning), result.Success ? image.ToArray() : null, isProgram);

        List<string> Describe(DiagnosticSeverity severity) => [.. result.Diagnostics
            .Where(d => d.Severity == severity)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => Description(d, snippet))
            .Distinct()];
    }

    // The prelude goes around the block so that both stay valid C#: its usings with the block's usings, its statements
    // before the block's code, its type declarations after it. #line directives keep diagnostics on the lines as written.
    private static string Compose(Snippet snippet)
    {
        var source = new StringBuilder();
        var block = Regions.Of(snippet.Lines);
        if (snippet.Prelude is null)
        {
            Append(source, snippet.Lines, 0, snippet.Lines.Count, BlockPath);
            return source.ToString();
        }

        var prelude = Regions.Of(snippet.Prelude.Lines);
        Append(source, snippet.Prelude.Lines, 0, prelude.HeaderEnd, PreludePath);
        Append(source, snippet.Lines, 0, block.HeaderEnd, BlockPath);
        Append(source, snippet.Prelude.Lines, prelude.HeaderEnd, prelude.DeclarationsStart, PreludePath);
        Append(source, snippet.Lines, block.HeaderEnd, snippet.Lines.Count, BlockPath);
        Append(source, snippet.Prelude.Lines, prelude.DeclarationsStart, snippet.Prelude.Lines.Count, PreludePath);
        return source.ToString();
    }

    private static void Append(StringBuilder source, IReadOnlyList<string> lines, int from, int to, string path)
    {
        if (from >= to)
        {
            return;
        }

        source.Append(CultureInfo.InvariantCulture, $"#line {from + 1} \"{path}\"\n");
        for (var i = from; i < to; i++)
        {
            source.Append(lines[i]).Append('\n');
        }
    }

    private static string Description(Diagnostic diagnostic, Snippet snippet)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (!diagnostic.Location.IsInSource)
        {
            return $"{diagnostic.Id}: {message}";
        }

        var span = diagnostic.Location.GetMappedLineSpan();
        var line = span.StartLinePosition.Line + 1;
        var where = span.Path switch
        {
            BlockPath => $"block line {line} ({snippet.File}:{snippet.FenceLine + line})",
            PreludePath => $"prelude line {line} ({snippet.File}:{snippet.Prelude!.FirstLine + line - 1})",
            _ => $"{span.Path} line {line}",
        };
        return $"{diagnostic.Id} at {where}: {message}";
    }

    private static CSharpCompilation Base(OutputKind kind) => CSharpCompilation.Create(
        "DocsSnippet",
        [GlobalUsings],
        References.Value,
        new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    // What the test process runs on: the trusted platform assemblies (the .NET and ASP.NET Core shared frameworks and
    // the test's dependencies, as the host resolved them), then any other assembly next to the test.
    private static List<MetadataReference> LoadReferences()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in trusted.Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!byName.ContainsKey(name) && HasMetadata(path))
            {
                byName[name] = path;
            }
        }

        return [.. byName.Values.Select(path => MetadataReference.CreateFromFile(path))];
    }

    private static bool HasMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    // Where a piece of C# ends its using directives and starts its type declarations, by line.
    private readonly record struct Regions(int HeaderEnd, int DeclarationsStart)
    {
        public static Regions Of(IReadOnlyList<string> lines)
        {
            var tree = CSharpSyntaxTree.ParseText(string.Join('\n', lines), ParseOptions);
            var root = (CompilationUnitSyntax)tree.GetRoot();
            var header = root.Usings.Count > 0 ? root.Usings[^1] : root.Externs.Count > 0 ? (SyntaxNode)root.Externs[^1] : null;
            var headerEnd = header is null ? 0 : tree.GetLineSpan(header.Span).EndLinePosition.Line + 1;
            var declaration = root.Members.FirstOrDefault(m => m is not GlobalStatementSyntax);
            var declarationsStart = declaration is null ? lines.Count : tree.GetLineSpan(declaration.Span).StartLinePosition.Line;
            return new Regions(headerEnd, Math.Max(headerEnd, declarationsStart));
        }
    }
}
