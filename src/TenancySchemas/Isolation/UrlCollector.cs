using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using TenancySchemas.Common;

namespace TenancySchemas.Isolation;

/// <summary>
/// Finds the URLs of a document by the <see cref="UrlAttribute"/> marks on its records, with their property
/// paths. A document whose marked members hold no URL is walked without allocating, bar the enumerator of each
/// non-empty marked map: paths are kept as segments and rendered only for what is found.
/// </summary>
internal static class UrlCollector
{
    private const int MaxRecordDepth = 8;

    // The reader refuses documents nested deeper (TenancyJsonOptions.MaxDepth is at most 1000).
    private const int MaxJsonDepth = 1000;

    // Keys whose value is a URL, singular or plural, matched at the end of the key ignoring case (webhook_url,
    // callbackUri, deep_link, endpoints, hooks).
    private static readonly string[] UrlKeySuffixes = ["url", "uri", "href", "link", "endpoint", "hook", "callback"];

    // A target is a URL when a sibling names a URL kind of action: {"type": "webhook", "target": "https://…"}.
    private static readonly string[] TargetTypeKeys = ["type", "action_type", "kind", "channel"];
    private static readonly string[] UrlTargetTypes = ["webhook", "url", "http", "https", "callback"];

    private static readonly SearchValues<char> UrlMarks = SearchValues.Create(":/\\");

    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();

    public static IReadOnlyList<(string Path, string Url)> Collect(object document) => Collect(document, keep: null, maxFound: int.MaxValue, out _);

    /// <summary>
    /// The URLs of a document that <paramref name="keep"/> accepts, with their paths, at most <paramref name="maxFound"/>
    /// of them; the rest are only counted. A path is rendered only for a URL that is kept: a document can hold hundreds
    /// of thousands of URLs under deep paths.
    /// </summary>
    public static IReadOnlyList<(string Path, string Url)> Collect(object document, Func<string, bool>? keep, int maxFound, out int notKept)
    {
        var walk = new Walk(ArrayPool<Segment>.Shared.Rent(32)) { Keep = keep, MaxFound = maxFound };
        try
        {
            Record(document, 0, ref walk);
            notKept = walk.Beyond;

            // Not `found ?? []`: a collection expression typed as the list would be a new list on every call.
            return walk.Found is null ? Array.Empty<(string Path, string Url)>() : walk.Found;
        }
        finally
        {
            ArrayPool<Segment>.Shared.Return(walk.Path, clearArray: true);
        }
    }

    /// <summary>The members of <paramref name="type"/> marked as holding URLs, and how.</summary>
    internal static IReadOnlyList<(PropertyInfo Property, UrlKind Kind)> UrlMembers(Type type) =>
        [.. Plans.GetOrAdd(type, Plan).Where(m => m.Shape is not (Shape.Record or Shape.RecordList)).Select(m => (m.Property, m.Kind))];

    private static void Record(object node, int depth, ref Walk walk)
    {
        if (depth > MaxRecordDepth)
        {
            return;
        }

        foreach (var member in Plans.GetOrAdd(node.GetType(), Plan))
        {
            var value = member.Get(node);
            if (value is null)
            {
                continue;
            }

            var kind = member.UrlWhen?.Invoke(node) == true ? UrlKind.Url : member.Kind;

            // A member marked as a URL has the URL format in the contract: its format rule answers for a malformed value.
            var formatted = member.Kind == UrlKind.Url;
            walk.Push(Segment.Of(member.Property.Name));
            switch (member.Shape)
            {
                case Shape.Text:
                    Text((string)value, kind, formatted, ref walk);
                    break;
                case Shape.TextList:
                    var texts = (IReadOnlyList<string>)value;
                    for (var i = 0; i < texts.Count; i++)
                    {
                        walk.Push(Segment.At(i));
                        Text(texts[i], kind, formatted, ref walk);
                        walk.Pop();
                    }

                    break;
                case Shape.TextMap:
                    var map = (IReadOnlyDictionary<string, string>)value;
                    if (map.Count > 0)
                    {
                        foreach (var (key, text) in map)
                        {
                            if (MayBeUrl(text))
                            {
                                walk.Push(Segment.Key(key));
                                Text(text, kind == UrlKind.Link && IsUrlKey(key) ? UrlKind.Url : kind, formatted, ref walk);
                                walk.Pop();
                            }
                        }
                    }

                    break;
                case Shape.Json:
                    JsonMap((IReadOnlyDictionary<string, JsonElement>)value, kind, ref walk);
                    break;
                case Shape.JsonList:
                    var maps = (IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>)value;
                    for (var i = 0; i < maps.Count; i++)
                    {
                        walk.Push(Segment.At(i));
                        JsonMap(maps[i], kind, ref walk);
                        walk.Pop();
                    }

                    break;
                case Shape.Record:
                    Record(value, depth + 1, ref walk);
                    break;
                case Shape.RecordList:
                    // Covariant: a list of records is a list of objects, read by index without an enumerator.
                    var records = (IReadOnlyList<object>)value;
                    for (var i = 0; i < records.Count; i++)
                    {
                        if (records[i] is { } item)
                        {
                            walk.Push(Segment.At(i));
                            Record(item, depth + 1, ref walk);
                            walk.Pop();
                        }
                    }

                    break;
            }

            walk.Pop();
        }
    }

    // A URL has a scheme (':') or, resolved against another, starts with slashes; "r1@acme.example.com", "+12025550123"
    // or "restart.sh" has neither, whatever the member's kind.
    private static bool MayBeUrl([NotNullWhen(true)] string? text) => text is not null && text.AsSpan().IndexOfAny(UrlMarks) >= 0;

    private static void Text(string? text, UrlKind kind, bool formatted, ref Walk walk)
    {
        if (kind == UrlKind.Url && !formatted && !string.IsNullOrWhiteSpace(text) && !MayBeUrl(text))
        {
            // A member that always holds a URL, without a format rule: "169.254.169.254" or "localhost" is a host to
            // curl, which guesses http; the guard cannot tell where it goes, so it is judged (and refused) too.
            walk.Add(text);
            return;
        }

        if (!MayBeUrl(text))
        {
            return;
        }

        switch (kind)
        {
            // What the format rule refuses and the guard cannot read is reported once, by the format rule; what the
            // guard can read is judged too (ftp://127.0.0.1/ is no http URL, and a loopback one).
            case UrlKind.Url when !formatted || Formats.IsHttpUrl(text) || EndpointGuard.IsReadable(text):
                walk.Add(text);
                break;
            case UrlKind.Link when EndpointGuard.HasHttpScheme(text):
                walk.Add(text);
                break;
            case UrlKind.Path:
                // //host/x and \/host/x replace the host of the URL they are resolved against, as an absolute URL does.
                var trimmed = text.AsSpan().TrimStart();
                if (trimmed.Length > 2 && trimmed[0] is '/' or '\\' && trimmed[1] is '/' or '\\')
                {
                    walk.Add(string.Concat("https://", trimmed[2..]));
                }
                else if (EndpointGuard.HasHttpScheme(text))
                {
                    walk.Add(text);
                }

                break;
        }
    }

    private static void JsonMap(IReadOnlyDictionary<string, JsonElement>? map, UrlKind kind, ref Walk walk)
    {
        if (map is null || map.Count == 0)
        {
            return;
        }

        int? urlTyped = null;
        foreach (var (key, element) in map)
        {
            var keyKind = KeyKind(key, kind, ref urlTyped, map, default);
            walk.Push(Segment.Key(key));
            Json(element, keyKind, kind, 1, ref walk);
            walk.Pop();
        }
    }

    // memberKind is what the member's strings are; kind is what this value is, given the key it sits under.
    private static void Json(JsonElement element, UrlKind kind, UrlKind memberKind, int depth, ref Walk walk)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                // Most strings are not URLs: their raw UTF-8 is looked at before one is made into a string.
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOfAny((byte)':', (byte)'/', (byte)'\\') >= 0)
                {
                    Text(element.GetString(), kind, formatted: false, ref walk);
                }

                break;
            case JsonValueKind.Array when depth < MaxJsonDepth:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    walk.Push(Segment.At(index++));
                    Json(item, kind, memberKind, depth + 1, ref walk);
                    walk.Pop();
                }

                break;
            case JsonValueKind.Object when depth < MaxJsonDepth:
                int? urlTyped = null;
                foreach (var property in element.EnumerateObject())
                {
                    var keyKind = KeyKind(property, memberKind, ref urlTyped, element);
                    walk.Push(Segment.Key(property));
                    Json(property.Value, keyKind, memberKind, depth + 1, ref walk);
                    walk.Pop();
                }

                break;
        }
    }

    private static UrlKind KeyKind(JsonProperty property, UrlKind memberKind, ref int? urlTyped, JsonElement parent)
    {
        // Keys are matched by their end, so the last few characters are enough; an escaped key is read in full.
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Contains((byte)'\\'))
        {
            return KeyKind(property.Name, memberKind, ref urlTyped, null, parent);
        }

        var tail = raw.Length > 16 ? raw[^16..] : raw;
        Span<char> chars = stackalloc char[tail.Length];
        for (var i = 0; i < tail.Length; i++)
        {
            // A non-ASCII byte stays non-ASCII and matches no suffix.
            chars[i] = (char)tail[i];
        }

        return KeyKind(chars, memberKind, ref urlTyped, null, parent);
    }

    private static UrlKind KeyKind(ReadOnlySpan<char> key, UrlKind memberKind, ref int? urlTyped, IReadOnlyDictionary<string, JsonElement>? map, JsonElement parent)
    {
        if (memberKind != UrlKind.Link)
        {
            return memberKind;
        }

        if (IsUrlKey(key))
        {
            return UrlKind.Url;
        }

        if (EndsWithPlural(key, "target"))
        {
            urlTyped ??= IsUrlTyped(map, parent) ? 1 : 0;
            return urlTyped == 1 ? UrlKind.Url : UrlKind.Link;
        }

        return UrlKind.Link;
    }

    private static bool IsUrlTyped(IReadOnlyDictionary<string, JsonElement>? map, JsonElement parent)
    {
        foreach (var typeKey in TargetTypeKeys)
        {
            JsonElement type;
            var found = map is not null ? map.TryGetValue(typeKey, out type) : parent.TryGetProperty(typeKey, out type);
            if (found && type.ValueKind == JsonValueKind.String)
            {
                var raw = JsonMarshal.GetRawUtf8Value(type);
                var value = raw.Length >= 2 ? raw[1..^1] : raw;
                foreach (var urlType in UrlTargetTypes)
                {
                    if (Ascii.EqualsIgnoreCase(value, urlType))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsUrlKey(ReadOnlySpan<char> key)
    {
        foreach (var suffix in UrlKeySuffixes)
        {
            if (EndsWithPlural(key, suffix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithPlural(ReadOnlySpan<char> key, string suffix)
    {
        var singular = key.Length > 0 && key[^1] is 's' or 'S' ? key[..^1] : key;
        return EndsWithIgnoreCase(key, suffix) || EndsWithIgnoreCase(singular, suffix);
    }

    private static bool EndsWithIgnoreCase(ReadOnlySpan<char> text, string suffix) =>
        text.Length >= suffix.Length && Ascii.EqualsIgnoreCase(text[^suffix.Length..], suffix);

    private static Member[] Plan(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => Describe(type, p))
            .OfType<Member>(),
    ];

    private static Member? Describe(Type type, PropertyInfo property)
    {
        if (property.GetCustomAttribute<UrlAttribute>(inherit: true) is { } url)
        {
            var shape = ShapeOf(property.PropertyType)
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} is marked as a URL but is not a string, a list or map of strings, or free-form JSON.");
            return new Member(property, Getter(property), shape, url.Kind, url.UrlWhen is null ? null : Condition(type, property, url));
        }

        var record = RecordType(property.PropertyType);
        return record is not null && HoldsUrls(record, depth: 0)
            ? new Member(property, Getter(property), record == property.PropertyType ? Shape.Record : Shape.RecordList, UrlKind.Url, null)
            : null;
    }

    private static Shape? ShapeOf(Type type) =>
        type == typeof(string) ? Shape.Text
        : type == typeof(IReadOnlyList<string>) ? Shape.TextList
        : type == typeof(IReadOnlyDictionary<string, string>) ? Shape.TextMap
        : type == typeof(IReadOnlyDictionary<string, JsonElement>) ? Shape.Json
        : type == typeof(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>) ? Shape.JsonList
        : null;

    private static Func<object, bool> Condition(Type type, PropertyInfo property, UrlAttribute url)
    {
        var sibling = type.GetProperty(url.UrlWhen!, BindingFlags.Public | BindingFlags.Instance);
        if (sibling?.GetMethod is null || url.Is is null || url.Is.GetType() != sibling.PropertyType)
        {
            throw new InvalidOperationException($"{type.Name}.{property.Name} is a URL when {url.UrlWhen} is {url.Is}, but {type.Name} has no such member of that type.");
        }

        // A typed getter compared with a typed value: no boxing on every document.
        return (Func<object, bool>)typeof(TypedAccess<,>).MakeGenericType(sibling.DeclaringType!, sibling.PropertyType)
            .GetMethod(nameof(TypedAccess<object, object>.EqualTo))!
            .Invoke(null, [sibling, url.Is])!;
    }

    // A typed getter: several times faster than PropertyInfo.GetValue on every member of every document.
    private static Func<object, object?> Getter(PropertyInfo property) =>
        (Func<object, object?>)typeof(TypedAccess<,>).MakeGenericType(property.DeclaringType!, property.PropertyType)
            .GetMethod(nameof(TypedAccess<object, object>.Getter))!
            .Invoke(null, [property])!;

    /// <summary>Typed delegates over one member of one record type, made once per member.</summary>
    private static class TypedAccess<TRecord, TValue>
    {
        public static Func<object, object?> Getter(PropertyInfo property)
        {
            var getter = property.GetMethod!.CreateDelegate<Func<TRecord, TValue>>();
            return node => getter((TRecord)node);
        }

        public static Func<object, bool> EqualTo(PropertyInfo sibling, object expected)
        {
            var getter = sibling.GetMethod!.CreateDelegate<Func<TRecord, TValue>>();
            var value = (TValue)expected;
            return node => EqualityComparer<TValue>.Default.Equals(getter((TRecord)node), value);
        }
    }

    private static bool IsRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true && !type.Namespace.EndsWith(".Common", StringComparison.Ordinal);

    private static Type? RecordType(Type type) =>
        IsRecord(type) ? type
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && IsRecord(type.GetGenericArguments()[0]) ? type.GetGenericArguments()[0]
        : null;

    private static bool HoldsUrls(Type type, int depth) =>
        depth < MaxRecordDepth && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p =>
            p.IsDefined(typeof(UrlAttribute), inherit: true) || (RecordType(p.PropertyType) is { } nested && nested != type && HoldsUrls(nested, depth + 1)));

    private enum Shape
    {
        Text,
        TextList,
        TextMap,
        Json,
        JsonList,
        Record,
        RecordList,
    }

    private sealed record Member(PropertyInfo Property, Func<object, object?> Get, Shape Shape, UrlKind Kind, Func<object, bool>? UrlWhen);

    /// <summary>One step of a path: a member (<c>.Name</c>), a map key (<c>[key]</c>, from a string or a JSON property), or an index (<c>[3]</c>).</summary>
    private readonly struct Segment
    {
        private readonly string? _text;
        private readonly JsonProperty _property;
        private readonly int _index;
        private readonly byte _kind;

        private Segment(string? text, JsonProperty property, int index, byte kind) => (_text, _property, _index, _kind) = (text, property, index, kind);

        public static Segment Of(string member) => new(member, default, 0, 0);

        public static Segment Key(string key) => new(key, default, 0, 1);

        public static Segment Key(JsonProperty property) => new(null, property, 0, 2);

        public static Segment At(int index) => new(null, default, index, 3);

        public void AppendTo(ref DefaultInterpolatedStringHandler path, bool first)
        {
            if (_kind == 0)
            {
                path.AppendLiteral(first ? string.Empty : ".");
                path.AppendFormatted(_text.AsSpan());
                return;
            }

            path.AppendLiteral("[");
            if (_kind == 3)
            {
                path.AppendFormatted(_index);
            }
            else
            {
                // A key is document content: shortened and escaped as every path's keys are.
                path.AppendFormatted(TenancySchemas.Json.WirePaths.Key(_kind == 1 ? _text! : _property.Name).AsSpan());
            }

            path.AppendLiteral("]");
        }
    }

    private struct Walk(Segment[] path)
    {
        public Segment[] Path = path;
        public int Depth;
        public List<(string Path, string Url)>? Found;
        public Func<string, bool>? Keep;
        public int MaxFound;
        public int Beyond;

        public void Push(Segment segment)
        {
            if (Depth == Path.Length)
            {
                var larger = ArrayPool<Segment>.Shared.Rent(Path.Length * 2);
                Path.CopyTo(larger, 0);
                ArrayPool<Segment>.Shared.Return(Path, clearArray: true);
                Path = larger;
            }

            Path[Depth++] = segment;
        }

        public void Pop() => Depth--;

        public void Add(string url)
        {
            if (Keep is not null && !Keep(url))
            {
                return;
            }

            if (Found is not null && Found.Count >= MaxFound)
            {
                Beyond++;
                return;
            }

            // Rendered in pooled space: the path string is the only allocation.
            var path = new DefaultInterpolatedStringHandler(0, Depth);
            for (var i = 0; i < Depth; i++)
            {
                Path[i].AppendTo(ref path, first: i == 0);
            }

            (Found ??= []).Add((path.ToStringAndClear(), url));
        }
    }
}
