using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using TenancySchemas.Docs.Tests.Markdown;

namespace TenancySchemas.Docs.Tests.Links;

/// <summary>
/// Checks the links of Markdown files as GitHub resolves them: a relative path from the file's folder (or from the
/// repository root when it starts with '/') must name a file or folder inside the repository, and an <c>#anchor</c>
/// into a Markdown file must be one of its heading anchors or explicit <c>&lt;a id&gt;</c> anchors. http(s) and
/// mailto links are not checked; any other scheme is reported, since it would not work on GitHub or NuGet.
/// </summary>
internal static partial class LinkChecker
{
    /// <summary>Gets every broken link, as "file:line: target — why".</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="files">The Markdown files to check, relative to <paramref name="root"/> with '/' separators.</param>
    public static IReadOnlyList<string> BrokenLinks(string root, IEnumerable<string> files)
    {
        root = Path.GetFullPath(root);
        var parsed = new ConcurrentDictionary<string, MarkdownFile>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file));
            var markdown = parsed.GetOrAdd(path, MarkdownFile.Read);
            foreach (var link in markdown.Links)
            {
                if (Problem(root, path, link.Target, parsed) is { } problem)
                {
                    broken.Add($"{file}:{link.Line}: ({link.Target}) {problem}");
                }
            }
        }

        return broken;
    }

    private static string? Problem(string root, string from, string target, ConcurrentDictionary<string, MarkdownFile> parsed)
    {
        if (Scheme().Match(target) is { Success: true } scheme)
        {
            return scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto"
                ? null
                : $"the scheme '{scheme.Groups[1].Value}:' does not work on GitHub or NuGet; use a relative path or an http(s) address";
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var query = pathPart.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            pathPart = pathPart[..query];
        }

        pathPart = Uri.UnescapeDataString(pathPart);
        if (pathPart.Length == 0 && anchor is null)
        {
            return "an empty link";
        }

        var resolved = pathPart.Length == 0
            ? from
            : Path.GetFullPath(pathPart.StartsWith('/') ? Path.Combine(root, pathPart.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(from)!, pathPart));
        var relative = Path.GetRelativePath(root, resolved).Replace('\\', '/');
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return "points outside the repository";
        }

        if (!File.Exists(resolved))
        {
            return Directory.Exists(resolved) ? null : $"no file or folder '{relative}' in the repository";
        }

        if (anchor is null || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parsed.GetOrAdd(resolved, MarkdownFile.Read).Anchors.Contains(anchor)
            ? null
            : $"no heading or <a id> of {relative} has the anchor '#{anchor}'";
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):")]
    private static partial Regex Scheme();
}
