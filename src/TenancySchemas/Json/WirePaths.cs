using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TenancySchemas.Json;

/// <summary>
/// The paths of failures, built structurally and rendered per consumer: FluentValidation's property paths
/// (<c>Sla.UptimePercentage</c>, <c>ContactInfo[email]</c>, <c>Actions[0][url]</c>) become JSON paths
/// (<c>$.sla.uptime_percentage</c>) by walking the serializer's contract, and a path that leaves the caller's view (the
/// audit trail, logs) names no document content: map keys and the member names of free-form JSON are rendered
/// <c>*</c>. A path segment longer than <see cref="MaxSegmentLength"/> characters is shortened to its first 32
/// characters, <c>…</c> and an 8-hex-digit digest of the whole segment, wherever it is rendered.
/// </summary>
internal sealed class WirePaths(JsonSerializerOptions shapes)
{
    /// <summary>Gets the paths of the wire contract (member names do not depend on the reader's limits or clock).</summary>
    public static WirePaths Instance { get; } = new(JsonContract.CreateShapes(TimeProvider.System, new TenancyJsonOptions()));

    /// <summary>The longest path segment rendered as it is.</summary>
    public const int MaxSegmentLength = 64;

    private const int KeptPrefix = 32;

    private readonly ConcurrentDictionary<(Type Type, string ClrName), JsonPropertyInfo> _byClrName = new();
    private readonly ConcurrentDictionary<(Type Type, string WireName), JsonPropertyInfo> _byWireName = new();
    private readonly ConcurrentDictionary<Type, Type?> _itemTypes = new();

    /// <summary>A map key or free-form member name for a property path (<c>ContactInfo[…]</c>): shortened, brackets and backslashes escaped.</summary>
    public static string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var shortened = Shorten(key);
        return shortened.AsSpan().IndexOfAny('[', ']', '\\') < 0
            ? shortened
            : shortened.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
    }

    /// <summary>A segment of at most <see cref="MaxSegmentLength"/> characters: a longer one keeps its start and a digest of the whole.</summary>
    public static string Shorten(string segment)
    {
        if (segment.Length <= MaxSegmentLength)
        {
            return segment;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(segment), digest);
        return string.Concat(segment.AsSpan(0, KeptPrefix), "…", Convert.ToHexStringLower(digest[..4]));
    }

    /// <summary>Turns a FluentValidation property path into a JSON path by walking the contract, so renamed members keep their wire names.</summary>
    public string ToJsonPath(string propertyPath, Type rootType)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "$";
        }

        if (propertyPath.StartsWith('$'))
        {
            return propertyPath;
        }

        var builder = new StringBuilder("$");
        Type? type = rootType;
        foreach (var segment in ParsePropertyPath(propertyPath))
        {
            switch (segment.Kind)
            {
                case SegmentKind.Member:
                    var property = type is null ? null : FindByClrName(type, segment.Text);
                    JsonPathBuilder.AppendMember(builder, property?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(segment.Text));
                    type = property?.PropertyType;
                    break;
                case SegmentKind.Index:
                    builder.Append('[').Append(segment.Text).Append(']');
                    type = type is null ? null : ItemType(type);
                    break;
                default:
                    // A map key becomes a member, as read errors write it ($.tags.team).
                    JsonPathBuilder.AppendMember(builder, segment.Text);
                    type = type is null ? null : ItemType(type);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A path as it may leave the caller's view: a JSON path (a property path is translated first) whose map keys and
    /// free-form member names are <c>*</c>, decided by the contract (what a segment addresses), never by its spelling.
    /// </summary>
    public string ForAudit(string path, Type rootType)
    {
        var jsonPath = ToJsonPath(path ?? string.Empty, rootType);
        var builder = new StringBuilder("$");
        Type? type = rootType;
        foreach (var segment in ParseJsonPath(jsonPath))
        {
            if (segment.Kind == SegmentKind.Index)
            {
                builder.Append('[').Append(segment.Text).Append(']');
                type = type is null ? null : ItemType(type);
                continue;
            }

            // A member of a record is named by its contract; anything else (a map's key, a JSON value's member, a name
            // the contract does not know) is document content.
            var property = type is null || !IsRecord(type) ? null : FindByWireName(type, segment.Text);
            builder.Append('.').Append(property?.Name ?? "*");
            type = property is not null ? property.PropertyType : type is null ? null : ItemType(type);
        }

        return builder.ToString();
    }

    private bool IsRecord(Type type) => shapes.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type).Kind == JsonTypeInfoKind.Object;

    private JsonPropertyInfo? FindByClrName(Type type, string clrName)
    {
        if (_byClrName.TryGetValue((type, clrName), out var known))
        {
            return known;
        }

        var info = shapes.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && string.Equals(member.Name, clrName, StringComparison.Ordinal))
            {
                _byClrName.TryAdd((type, clrName), property);
                return property;
            }
        }

        return null;
    }

    private JsonPropertyInfo? FindByWireName(Type type, string wireName)
    {
        if (_byWireName.TryGetValue((type, wireName), out var known))
        {
            return known;
        }

        var info = shapes.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, wireName, StringComparison.Ordinal))
            {
                _byWireName.TryAdd((type, wireName), property);
                return property;
            }
        }

        return null;
    }

    // An indexer steps into a list's element or a map's value.
    private Type? ItemType(Type type) => _itemTypes.GetOrAdd(type, static (type, shapes) =>
    {
        var info = shapes.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        return info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary ? info.ElementType : null;
    }, shapes);

    private enum SegmentKind
    {
        Member,
        Index,
        Key,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);

    // Sla.UptimePercentage, Deliveries[2].SentAt, ContactInfo[a\]b], Actions[0][url]: names, indexes and (escaped) keys.
    private static List<Segment> ParsePropertyPath(string path)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                continue;
            }

            if (path[i] == '[')
            {
                var key = new StringBuilder();
                i++;
                while (i < path.Length && path[i] != ']')
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }

                    key.Append(path[i++]);
                }

                i++;
                var text = key.ToString();
                segments.Add(new Segment(text.Length > 0 && !text.AsSpan().ContainsAnyExceptInRange('0', '9') ? SegmentKind.Index : SegmentKind.Key, text));
                continue;
            }

            var start = i;
            while (i < path.Length && path[i] is not ('.' or '['))
            {
                i++;
            }

            segments.Add(new Segment(SegmentKind.Member, path[start..i]));
        }

        return segments;
    }

    // $.a.b[2]['odd key'].c as JsonPathBuilder writes it: members (quoted ones unescaped) and indexes.
    private static List<Segment> ParseJsonPath(string path)
    {
        var segments = new List<Segment>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                segments.Add(new Segment(SegmentKind.Member, path[start..i]));
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var name = new StringBuilder();
                i += 2;
                while (i < path.Length && !(path[i] == '\'' && i + 1 < path.Length && path[i + 1] == ']'))
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }

                    name.Append(path[i++]);
                }

                i += 2;
                segments.Add(new Segment(SegmentKind.Member, name.ToString()));
            }
            else if (path[i] == '[')
            {
                var start = ++i;
                while (i < path.Length && path[i] != ']')
                {
                    i++;
                }

                segments.Add(new Segment(SegmentKind.Index, path[start..i]));
                i++;
            }
            else
            {
                i++;
            }
        }

        return segments;
    }
}
