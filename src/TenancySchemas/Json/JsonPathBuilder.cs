using System.Text;

namespace TenancySchemas.Json;

/// <summary>A stack of member names and indexes that turns into a JSON path (<c>$.sla.uptime_percentage</c>) only when an error needs one.</summary>
internal sealed class JsonPathBuilder
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public void PushMember(string name) => _segments.Add((name, -1));

    public void PushIndex(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public string Current => Build(_segments.Count);

    /// <summary>The path of the enclosing object (without the last segment).</summary>
    public string Parent => Build(Math.Max(0, _segments.Count - 1));

    private string Build(int count)
    {
        var builder = new StringBuilder("$");
        for (var i = 0; i < count; i++)
        {
            var (name, index) = _segments[i];
            if (name is null)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else
            {
                AppendMember(builder, name);
            }
        }

        return builder.ToString();
    }

    public static void AppendMember(StringBuilder builder, string name)
    {
        name = WirePaths.Shorten(name);
        if (IsPlainName(name))
        {
            builder.Append('.').Append(name);
            return;
        }

        builder.Append("['");
        foreach (var c in name)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append("']");
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
