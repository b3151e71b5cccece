using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace TenancySchemas.Docs.Tests.Snippets;

/// <summary>The outcome of running a snippet.</summary>
/// <param name="Output">What it wrote to <c>Console</c> (standard output and error), with '\n' line endings.</param>
/// <param name="ExitCode">The value its entry point returned, or 0 when it returns nothing.</param>
/// <param name="Exception">The exception that escaped it, or null.</param>
internal sealed record SnippetRun(string Output, int ExitCode, Exception? Exception);

/// <summary>
/// Runs a compiled run block in this process: its assembly goes into a collectible load context (its dependencies
/// come from the default one, so it uses the TenancySchemas this test references), its entry point runs on a thread
/// of its own (so a culture it sets stays there) with the culture <c>en-US</c> (so the output does not depend on the
/// machine), and the context is unloaded afterwards. The block must finish by itself: a server's <c>app.Run()</c> is
/// not a run block.
/// </summary>
internal static class SnippetRunner
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Compiles a snippet with a capturing <c>Console</c> and runs it; null with the errors if it does not compile.</summary>
    public static (SnippetRun? Run, IReadOnlyList<string> Errors) CompileAndRun(Snippet snippet)
    {
        var compilation = SnippetCompiler.Compile(snippet, captureConsole: true);
        if (compilation.Image is null)
        {
            return (null, compilation.Errors);
        }

        return compilation.IsProgram
            ? (Run(compilation.Image), [])
            : (null, ["a run block needs top-level statements (it is run as a program), but this one only declares types"]);
    }

    /// <summary>Runs an assembly compiled with <see cref="CapturedConsole"/>.</summary>
    public static SnippetRun Run(byte[] image)
    {
        var context = new AssemblyLoadContext("docs snippet", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException("The snippet's assembly has no entry point.");
            object? returned = null;
            Exception? exception = null;
            var thread = new Thread(() =>
            {
                CultureInfo.CurrentCulture = Culture;
                CultureInfo.CurrentUICulture = Culture;
                try
                {
                    returned = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                }
                catch (Exception e)
                {
                    // Whatever escapes the snippet is its failure to report, not a crash of the test process.
                    exception = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                }
            });
            thread.Start();
            thread.Join();

            var console = assembly.GetType("Console", throwOnError: true)!;
            var output = (string)console.GetProperty(CapturedConsole.CapturedTextProperty, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return new SnippetRun(output.ReplaceLineEndings("\n"), returned as int? ?? 0, exception);
        }
        finally
        {
            context.Unload();
        }
    }
}
