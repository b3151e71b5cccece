using System.Text;
using System.Text.Json;

namespace TenancySchemas.Common;

/// <summary>Masking of sensitive values for <c>ToString()</c> and diagnostics.</summary>
internal static class SensitiveData
{
    public const string Mask = "***";

    /// <summary>True when a map member's name marks its value as sensitive (see <see cref="Security.SecretNames"/>).</summary>
    public static bool IsSensitiveName(string name) => Security.SecretNames.IsSecret(name);

    /// <summary>Shows a webhook or callback URL as <c>scheme://host</c> only.</summary>
    public static string MaskUrl(string? url)
    {
        if (url is null)
        {
            return string.Empty;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? $"{uri.Scheme}://{uri.Host}"
            : Mask;
    }

    /// <summary>Shows a sensitive scalar as the mask, or nothing when it is null.</summary>
    public static string MaskValue(object? value) => value is null ? string.Empty : Mask;

    public static string DescribeValue<T>(T value) => value switch
    {
        null => "null",
        JsonElement element => DescribeJson(element),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Writes a JSON value with sensitive members, at any depth, replaced by the mask.</summary>
    public static string DescribeJson(JsonElement element)
    {
        var builder = new StringBuilder();
        AppendJson(builder, element, depth: 0);
        return builder.ToString();
    }

    private static void AppendJson(StringBuilder builder, JsonElement element, int depth)
    {
        if (depth > 16)
        {
            builder.Append('…');
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var firstMember = true;
                foreach (var member in element.EnumerateObject())
                {
                    builder.Append(firstMember ? string.Empty : ", ").Append(member.Name).Append(": ");
                    if (IsSensitiveName(member.Name))
                    {
                        builder.Append(Mask);
                    }
                    else
                    {
                        AppendJson(builder, member.Value, depth + 1);
                    }

                    firstMember = false;
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    builder.Append(firstItem ? string.Empty : ", ");
                    AppendJson(builder, item, depth + 1);
                    firstItem = false;
                }

                builder.Append(']');
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }
}
