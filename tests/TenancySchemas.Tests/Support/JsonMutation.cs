using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TenancySchemas.Tests.Support;

/// <summary>Puts one value at, or removes the member at, one JSON path (<c>$.a.b[2].c</c>, <c>$.tags['odd key']</c>) of a document.</summary>
internal static partial class JsonMutation
{
    public static string Apply(string json, string path, JsonNode? value) => Change(json, path, (parent, last) =>
    {
        if (last is string name)
        {
            parent[name] = value?.DeepClone();
        }
        else
        {
            parent[(int)last] = value?.DeepClone();
        }
    });

    public static string Remove(string json, string path) => Change(json, path, (parent, last) => parent.AsObject().Remove((string)last));

    public static bool IsAt(string reported, string path) =>
        reported == path || reported.StartsWith(path + "[", StringComparison.Ordinal) || reported.StartsWith(path + ".", StringComparison.Ordinal);

    private static string Change(string json, string path, Action<JsonNode, object> change)
    {
        var root = JsonNode.Parse(json)!;
        var segments = Segment().Matches(path)
            .Select(m => m.Groups["index"].Success ? (object)int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value)
            .ToList();
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current = segments[i] is string name ? current[name]! : current[(int)segments[i]]!;
        }

        change(current, segments[^1]);
        return root.ToJsonString();
    }

    // Member names as JsonNode.GetPath writes them: plain after a dot, anything else quoted in brackets.
    [GeneratedRegex(@"\.(?<name>[A-Za-z_0-9$-]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
