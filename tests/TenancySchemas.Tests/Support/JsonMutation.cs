using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TenancySchemas.Tests.Support;

/// <summary>Puts one value at one JSON path (<c>$.a.b[2].c</c>) of a document.</summary>
internal static partial class JsonMutation
{
    public static string Apply(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var segments = Segment().Matches(path).Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value)).ToList();
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current = segments[i] is string name ? current[name]! : current[(int)segments[i]]!;
        }

        if (segments[^1] is string last)
        {
            current[last] = value?.DeepClone();
        }
        else
        {
            current[(int)segments[^1]] = value?.DeepClone();
        }

        return root.ToJsonString();
    }

    public static bool IsAt(string reported, string path) =>
        reported == path || reported.StartsWith(path + "[", StringComparison.Ordinal) || reported.StartsWith(path + ".", StringComparison.Ordinal);

    [GeneratedRegex(@"\.([a-z_0-9]+)|\[(\d+)\]")]
    private static partial Regex Segment();
}
