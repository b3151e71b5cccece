using System.Text;
using System.Text.RegularExpressions;

namespace TenancySchemas.Docs.Tests.Markdown;

/// <summary>A fenced code block: its language (the info string's first word), where its opening fence is and its lines.</summary>
/// <param name="Language">The info string's first word, e.g. <c>csharp</c>; empty when the fence has none.</param>
/// <param name="FenceLine">The 1-based line of the opening fence; the block's first line is the line after it.</param>
/// <param name="Lines">The lines between the fences, with the fence's indentation removed.</param>
/// <param name="Prelude">Hidden C# from a <c>&lt;!-- snippet-prelude</c> comment just above, or null.</param>
/// <param name="Run">Whether a <c>&lt;!-- snippet: run --&gt;</c> comment just above asks for the block to be run.</param>
internal sealed record FencedBlock(string Language, int FenceLine, IReadOnlyList<string> Lines, SnippetPrelude? Prelude, bool Run)
{
    /// <summary>Gets whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>).</summary>
    public bool IsCSharp => Language.ToLowerInvariant() is "csharp" or "cs" or "c#";
}

/// <summary>Hidden C# compiled with the block that follows it.</summary>
/// <param name="FirstLine">The 1-based line of the prelude's first line of code in the Markdown file.</param>
/// <param name="Lines">The prelude's lines of code.</param>
internal sealed record SnippetPrelude(int FirstLine, IReadOnlyList<string> Lines);

/// <summary>A relative or absolute link target written in a file.</summary>
/// <param name="Line">The 1-based line where the link starts.</param>
/// <param name="Target">The target as written (without angle brackets or title).</param>
internal sealed record MarkdownLink(int Line, string Target);

/// <summary>A mistake in the snippet annotations of a file (an unknown directive, a directive that annotates nothing).</summary>
/// <param name="Line">The 1-based line of the annotation.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record AnnotationProblem(int Line, string Message);

/// <summary>
/// The parts of a Markdown file the docs tests check: fenced code blocks with their snippet annotations, the anchors
/// GitHub gives its headings (plus explicit <c>&lt;a id&gt;</c> anchors), and its links. A small CommonMark subset:
/// enough for what the docs use, and strict where a mistake would silently skip a check.
/// </summary>
internal sealed partial class MarkdownFile
{
    private MarkdownFile(IReadOnlyList<FencedBlock> blocks, IReadOnlySet<string> anchors, IReadOnlyList<MarkdownLink> links, IReadOnlyList<AnnotationProblem> problems)
    {
        Blocks = blocks;
        Anchors = anchors;
        Links = links;
        Problems = problems;
    }

    /// <summary>Gets every fenced code block, in order.</summary>
    public IReadOnlyList<FencedBlock> Blocks { get; }

    /// <summary>Gets the anchors a link may point at: heading anchors as GitHub makes them, and explicit ones.</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Gets every inline link, image and reference definition outside code, in order.</summary>
    public IReadOnlyList<MarkdownLink> Links { get; }

    /// <summary>Gets the mistakes in snippet annotations.</summary>
    public IReadOnlyList<AnnotationProblem> Problems { get; }

    /// <summary>Gets the C# blocks.</summary>
    public IEnumerable<FencedBlock> CSharpBlocks => Blocks.Where(b => b.IsCSharp);

    /// <summary>Gets the block holding what a run block must print: the first <c>text</c> block after it, or null.</summary>
    public FencedBlock? ExpectedOutput(FencedBlock runBlock) =>
        Blocks.FirstOrDefault(b => b.FenceLine > runBlock.FenceLine && b.Language.Equals("text", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a Markdown file.</summary>
    public static MarkdownFile Read(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses Markdown text.</summary>
    public static MarkdownFile Parse(string text) => new Parser(text.ReplaceLineEndings("\n").Split('\n')).Parse();

    /// <summary>The anchor GitHub gives a heading: its rendered text in lower case, spaces to '-', punctuation but '-' and '_' dropped.</summary>
    public static string GitHubAnchor(string headingText)
    {
        var rendered = new StringBuilder();
        // Code spans keep their content verbatim; outside them, links become their text and markup disappears.
        foreach (var (part, isCode) in SplitCodeSpans(headingText))
        {
            if (isCode)
            {
                rendered.Append(part);
                continue;
            }

            var plain = LinkInText().Replace(part, m => m.Groups["text"].Value);
            plain = HtmlTag().Replace(plain, string.Empty);
            plain = UnderscoreEmphasis().Replace(plain, m => m.Groups[1].Value);
            plain = BackslashEscape().Replace(plain, m => m.Groups[1].Value);
            rendered.Append(plain);
        }

        var anchor = new StringBuilder();
        foreach (var rune in rendered.ToString().Trim().ToLowerInvariant().EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                anchor.Append('-');
            }
            else if (rune.Value is '-' or '_' || Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is
                         System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
                         or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation
                         or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber)
            {
                anchor.Append(rune.ToString());
            }
        }

        return anchor.ToString();
    }

    private static IEnumerable<(string Part, bool IsCode)> SplitCodeSpans(string text)
    {
        var position = 0;
        foreach (Match span in CodeSpan().Matches(text))
        {
            yield return (text[position..span.Index], false);
            yield return (span.Groups["code"].Value.Trim(' '), true);
            position = span.Index + span.Length;
        }

        yield return (text[position..], false);
    }

    // Replaces code spans and HTML comments by spaces, keeping every other character (and newline) where it was.
    private static string MaskCode(string text)
    {
        var masked = new StringBuilder(text);
        foreach (Match span in CodeSpan().Matches(text))
        {
            Blank(masked, span);
        }

        foreach (Match comment in InlineComment().Matches(masked.ToString()))
        {
            Blank(masked, comment);
        }

        return masked.ToString();

        static void Blank(StringBuilder builder, Match match)
        {
            for (var i = match.Index; i < match.Index + match.Length; i++)
            {
                if (builder[i] != '\n')
                {
                    builder[i] = ' ';
                }
            }
        }
    }

    [GeneratedRegex(@"(?<ticks>`+)(?<code>.+?)(?<!`)\k<ticks>(?!`)", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex InlineComment();

    [GeneratedRegex(@"!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")]
    private static partial Regex LinkInText();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])_(?!\s)(.+?)(?<!\s)_(?![\p{L}\p{N}_])")]
    private static partial Regex UnderscoreEmphasis();

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex BackslashEscape();

    // An inline link or image: [text](target "title"); the target may be in angle brackets or hold balanced parentheses.
    [GeneratedRegex("""!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?:<(?<target>[^>\n]*)>|(?<target>(?:[^\s()]|\([^\s()]*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)""")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[(?<label>[^\]]+)\]:\s*(?:<(?<target>[^>]*)>|(?<target>\S+))")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex("""<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*["'](?<id>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})\s*(?<info>.*?)\s*$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^ {0,3}(?<level>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();

    // Lines that cannot be the text of a setext heading (list items, quotes, tables, headings).
    [GeneratedRegex(@"^\s*(?:[-*+>|#]|\d+[.)])")]
    private static partial Regex NotParagraphText();

    private sealed class Parser(string[] lines)
    {
        private readonly List<FencedBlock> _blocks = [];
        private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _headingCounts = new(StringComparer.Ordinal);
        private readonly List<MarkdownLink> _links = [];
        private readonly List<AnnotationProblem> _problems = [];

        // Snippet annotations seen since the last content line, waiting for the C# block they annotate.
        private SnippetPrelude? _pendingPrelude;
        private int _pendingPreludeLine;
        private int? _pendingRunLine;

        // The paragraph being read (for links that wrap across lines) and its first line.
        private readonly List<string> _paragraph = [];
        private int _paragraphStart;

        public MarkdownFile Parse()
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var number = i + 1;

                if (OpeningFence().Match(line) is { Success: true } fence && (fence.Groups["fence"].Value[0] == '~' || !fence.Groups["info"].Value.Contains('`', StringComparison.Ordinal)))
                {
                    FlushParagraph();
                    i = ReadFence(i, fence);
                    continue;
                }

                if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
                {
                    FlushParagraph();
                    i = ReadComment(i);
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    FlushParagraph();
                    continue;
                }

                AnnotationsMeetContent();

                if (AtxHeading().Match(line) is { Success: true } heading)
                {
                    FlushParagraph();
                    AddHeading(heading.Groups["text"].Value, number);
                    continue;
                }

                if (SetextUnderline().IsMatch(line) && _paragraph.Count == 1 && !NotParagraphText().IsMatch(_paragraph[0]))
                {
                    AddHeading(_paragraph[0].Trim(), _paragraphStart);
                    _paragraph.Clear();
                    continue;
                }

                if (ReferenceDefinition().Match(line) is { Success: true } definition)
                {
                    FlushParagraph();
                    _links.Add(new MarkdownLink(number, definition.Groups["target"].Value));
                    continue;
                }

                if (_paragraph.Count == 0)
                {
                    _paragraphStart = number;
                }

                _paragraph.Add(line);
            }

            FlushParagraph();
            AnnotationsMeetContent(end: true);
            return new MarkdownFile(_blocks, _anchors, _links, _problems);
        }

        private int ReadFence(int start, Match fence)
        {
            var indent = fence.Groups["indent"].Length;
            var marker = fence.Groups["fence"].Value;
            var info = fence.Groups["info"].Value;
            var language = info.Split([' ', '\t', '{'], 2)[0];
            var content = new List<string>();
            var i = start + 1;
            for (; i < lines.Length; i++)
            {
                var trimmed = lines[i].Trim();
                if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]))
                {
                    break;
                }

                var line = lines[i];
                var strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ')
                {
                    strip++;
                }

                content.Add(line[strip..]);
            }

            var block = new FencedBlock(language, start + 1, content, null, false);
            if (block.IsCSharp)
            {
                block = block with { Prelude = _pendingPrelude, Run = _pendingRunLine is not null };
                _pendingPrelude = null;
                _pendingRunLine = null;
            }
            else
            {
                AnnotationsMeetContent();
            }

            _blocks.Add(block);
            return i;
        }

        private int ReadComment(int start)
        {
            var first = lines[start];
            var open = first.IndexOf("<!--", StringComparison.Ordinal);
            var body = new StringBuilder();
            var i = start;
            var rest = first[(open + 4)..];
            while (true)
            {
                var close = rest.IndexOf("-->", StringComparison.Ordinal);
                if (close >= 0)
                {
                    body.Append(rest[..close]);
                    rest = rest[(close + 3)..];
                    break;
                }

                body.Append(rest).Append('\n');
                if (++i == lines.Length)
                {
                    _problems.Add(new AnnotationProblem(start + 1, "an HTML comment is never closed (no '-->')"));
                    return i;
                }

                rest = lines[i];
            }

            var text = body.ToString();
            var directive = text.TrimStart();
            if (directive.StartsWith("snippet", StringComparison.Ordinal))
            {
                Annotate(start + 1, text);
            }
            else
            {
                AnnotationsMeetContent();
            }

            if (!string.IsNullOrWhiteSpace(rest))
            {
                AnnotationsMeetContent();
                _paragraphStart = i + 1;
                _paragraph.Add(rest);
            }

            return i;
        }

        private void Annotate(int line, string text)
        {
            var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
            var head = (firstLineEnd < 0 ? text : text[..firstLineEnd]).Trim();
            if (head == "snippet-prelude")
            {
                if (_pendingPrelude is not null)
                {
                    _problems.Add(new AnnotationProblem(line, $"a second snippet-prelude before the same block (the first is at line {_pendingPreludeLine})"));
                }

                var code = firstLineEnd < 0 ? [] : text[(firstLineEnd + 1)..].Split('\n').ToList();
                // The line that holds '-->' contributes its code before the marker, if any.
                if (code.Count > 0 && string.IsNullOrWhiteSpace(code[^1]))
                {
                    code.RemoveAt(code.Count - 1);
                }

                if (code.Count == 0)
                {
                    _problems.Add(new AnnotationProblem(line, "a snippet-prelude without code (the code goes on the lines after '<!-- snippet-prelude')"));
                }

                _pendingPrelude = new SnippetPrelude(line + 1, code);
                _pendingPreludeLine = line;
                return;
            }

            if (head.StartsWith("snippet-prelude", StringComparison.Ordinal))
            {
                _problems.Add(new AnnotationProblem(line, "the prelude's code starts on the line after '<!-- snippet-prelude', not on the same line"));
                return;
            }

            if (firstLineEnd < 0 && head.Replace(" ", string.Empty, StringComparison.Ordinal) == "snippet:run")
            {
                _pendingRunLine = line;
                return;
            }

            _problems.Add(new AnnotationProblem(line, $"unknown snippet annotation '<!-- {head} -->' (known: '<!-- snippet: run -->' and '<!-- snippet-prelude' followed by code lines and '-->')"));
        }

        // Annotations apply to the C# block right after them (blank lines between): anything else orphans them.
        private void AnnotationsMeetContent(bool end = false)
        {
            var what = end ? "the end of the file" : "something other than a ```csharp block";
            if (_pendingPrelude is not null)
            {
                _problems.Add(new AnnotationProblem(_pendingPreludeLine, $"this snippet-prelude is followed by {what}; it must be directly above a ```csharp block (blank lines allowed)"));
                _pendingPrelude = null;
            }

            if (_pendingRunLine is { } run)
            {
                _problems.Add(new AnnotationProblem(run, $"this snippet: run is followed by {what}; it must be directly above a ```csharp block (blank lines allowed)"));
                _pendingRunLine = null;
            }
        }

        private void AddHeading(string text, int line)
        {
            var anchor = GitHubAnchor(text);
            // GitHub numbers repeated headings: the second "Usage" is #usage-1.
            if (_headingCounts.TryGetValue(anchor, out var count))
            {
                _headingCounts[anchor] = count + 1;
                _anchors.Add($"{anchor}-{count}");
            }
            else
            {
                _headingCounts[anchor] = 1;
                _anchors.Add(anchor);
            }

            CollectAnchors(text);
            CollectLinks(text, line);
        }

        private void FlushParagraph()
        {
            if (_paragraph.Count == 0)
            {
                return;
            }

            var text = string.Join('\n', _paragraph);
            _paragraph.Clear();
            CollectAnchors(text);
            CollectLinks(text, _paragraphStart);
        }

        private void CollectAnchors(string text)
        {
            foreach (Match anchor in ExplicitAnchor().Matches(text))
            {
                _anchors.Add(anchor.Groups["id"].Value);
            }
        }

        private void CollectLinks(string text, int firstLine)
        {
            var masked = MaskCode(text);
            foreach (Match link in InlineLink().Matches(masked))
            {
                var line = firstLine + masked.AsSpan(0, link.Index).Count('\n');
                var target = link.Groups["target"];
                _links.Add(new MarkdownLink(line, text.Substring(target.Index, target.Length)));
            }
        }
    }
}
