using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Reflection;

namespace TenancySchemas.Isolation;

/// <summary>What an isolation level forbids about a URL.</summary>
internal enum EndpointViolation
{
    None,
    HttpsRequired,
    PrivateEndpoint,
}

/// <summary>
/// Guards the URLs of a document (spec §1.10 and §7.2): <see cref="Urls"/> finds every member marked
/// <see cref="UrlAttribute"/>, <see cref="Check"/> judges one URL at an isolation level.
/// </summary>
/// <remarks>
/// The guard is lexical: it canonicalizes the host the way a client would before connecting (UTS #46 mapping as
/// <see cref="Uri.IdnHost"/> does, trailing dots removed, the result read as an address again, IPv4 embedded in IPv6
/// unwrapped) and judges that, but it cannot see DNS. A public name that resolves to a private address, or resolves
/// differently at delivery time, passes; the connect-time half (<see cref="IsolationConnectGuard"/>) judges the
/// addresses actually connected to with the same table (<see cref="EndpointPolicy"/>).
/// </remarks>
internal static class EndpointGuard
{
    // Where an authority ends, as Uri reads it (a backslash is a slash in http URLs).
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/\\?#");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();

    /// <summary>Every URL of a document with its property path (<c>Targets[0].Endpoint</c>).</summary>
    public static IReadOnlyList<(string Path, string Url)> Urls(object document)
    {
        List<(string Path, string Url)>? found = null;
        Collect(document, string.Empty, depth: 0, ref found);

        // Not `found is null ? [] : found`: the conditional's type is List<…>, so its [] is a new list on every call.
        return found is null ? Array.Empty<(string Path, string Url)>() : found;
    }

    /// <summary>
    /// Judges a URL at an isolation level: strict wants https; moderate and strict forbid the hosts
    /// <see cref="EndpointPolicy"/> lists for them, in any notation; basic checks nothing. A value that is not an
    /// absolute URL with a host is the format rules' business and passes.
    /// </summary>
    public static EndpointViolation Check(string url, IsolationLevel level)
    {
        if (level == IsolationLevel.Basic || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return EndpointViolation.None;
        }

        if (level == IsolationLevel.Strict && uri.Scheme != Uri.UriSchemeHttps)
        {
            return EndpointViolation.HttpsRequired;
        }

        return IsForbiddenHost(uri, url, level) ? EndpointViolation.PrivateEndpoint : EndpointViolation.None;
    }

    private static bool IsForbiddenHost(Uri uri, string url, IsolationLevel level)
    {
        if (uri.HostNameType == UriHostNameType.IPv6)
        {
            // Uri keeps the brackets and drops a zone id; fe80::/10 is judged whatever the zone.
            return !IPAddress.TryParse(uri.Host.AsSpan().Trim("[]"), out var v6) ? level == IsolationLevel.Strict : EndpointPolicy.IsForbidden(v6, level);
        }

        if (uri.HostNameType == UriHostNameType.IPv4)
        {
            // Uri has read octal, hex and short forms already (0177.1 is 127.0.0.1); other parsers read leading zeros
            // as decimal (0127.0.0.1 as 127.0.0.1, where Uri sees 87.0.0.1), so both readings are judged, and strict
            // accepts only the one notation every parser agrees on.
            var raw = RawHost(url);
            return EndpointPolicy.IsForbidden(IPAddress.Parse(uri.Host), level)
                || (raw is not null && DecimalReading(raw) is { } decimalReading && EndpointPolicy.IsForbidden(decimalReading, level))
                || (level == IsolationLevel.Strict && (raw is null || !IsPlainDottedQuad(raw)));
        }

        string mapped;
        try
        {
            mapped = uri.IdnHost;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            // No client can connect to a host that cannot be mapped; strict still refuses what it cannot judge.
            return level == IsolationLevel.Strict;
        }

        var name = mapped.TrimEnd('.').ToLowerInvariant();

        // Uri reads １２７.０.０.１, 127。0。0。1 and 127.0.0.1. as names; mapped and trimmed, they are addresses.
        if (IPAddress.TryParse(name, out var address))
        {
            return level == IsolationLevel.Strict || EndpointPolicy.IsForbidden(address, level)
                || (DecimalReading(name) is { } decimalReading && EndpointPolicy.IsForbidden(decimalReading, level));
        }

        if (DecimalReading(name) is { } reading && EndpointPolicy.IsForbidden(reading, level))
        {
            return true;
        }

        // A top-level label is never numeric: 08.0.0.1 or 1.2.3.4.5 is an address to some parser, a name to none.
        return (level == IsolationLevel.Strict && HasNumericTopLabel(name)) || EndpointPolicy.IsForbiddenName(name, level);
    }

    /// <summary>The host as written in <paramref name="url"/> (<see cref="Uri.Host"/> is canonical), or null if it cannot be told.</summary>
    private static string? RawHost(string url)
    {
        var text = url.AsSpan().Trim();
        var start = text.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var authority = text[(start + 2)..];
        var end = authority.IndexOfAny(AuthorityEnd);
        if (end >= 0)
        {
            authority = authority[..end];
        }

        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var colon = host.LastIndexOf(':');
        return (colon < 0 ? host : host[..colon]).ToString();
    }

    private static bool IsPlainDottedQuad(string host)
    {
        var parts = 0;
        foreach (var range in host.AsSpan().Split('.'))
        {
            var part = host.AsSpan(range);
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0') || int.Parse(part, provider: null) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    /// <summary>Four decimal parts with leading zeros read as decimal (<c>0127.0.0.1</c> as 127.0.0.1), or null.</summary>
    private static IPAddress? DecimalReading(string host)
    {
        Span<byte> bytes = stackalloc byte[4];
        var parts = 0;
        foreach (var range in host.AsSpan().Split('.'))
        {
            var part = host.AsSpan(range);
            if (parts == 4 || part.Length is 0 or > 8 || part.ContainsAnyExceptInRange('0', '9') || int.Parse(part, provider: null) is var value && value > 255)
            {
                return null;
            }

            bytes[parts++] = (byte)value;
        }

        return parts == 4 ? new IPAddress(bytes) : null;
    }

    private static bool HasNumericTopLabel(string name)
    {
        var top = name.AsSpan(name.LastIndexOf('.') + 1);
        return top.Length > 0 && (!top.ContainsAnyExceptInRange('0', '9') || (top.StartsWith("0x", StringComparison.Ordinal) && !top[2..].ContainsAnyExcept(HexDigits)));
    }

    // Paths are built only for what is found or entered, so a document without URLs is walked without allocating.
    private static void Collect(object node, string prefix, int depth, ref List<(string Path, string Url)>? found)
    {
        if (depth > 8)
        {
            return;
        }

        foreach (var member in Plans.GetOrAdd(node.GetType(), Plan))
        {
            var value = member.Property.GetValue(node);
            switch (value)
            {
                case null:
                    break;
                case string url when member.IsUrl:
                    (found ??= []).Add((prefix + member.Property.Name, url));
                    break;
                case IReadOnlyCollection<object> { Count: 0 } or IReadOnlyCollection<KeyValuePair<string, string>> { Count: 0 }:
                    // Empty lists (covariant: of strings or records) and maps: nothing to walk, no enumerator to allocate.
                    break;
                case IEnumerable<KeyValuePair<string, string>> pairs when member.IsUrl:
                    foreach (var (key, url) in pairs)
                    {
                        (found ??= []).Add(($"{prefix}{member.Property.Name}[{key}]", url));
                    }

                    break;
                case IEnumerable<string> urls when member.IsUrl:
                    var position = 0;
                    foreach (var url in urls)
                    {
                        (found ??= []).Add(($"{prefix}{member.Property.Name}[{position++}]", url));
                    }

                    break;
                case IEnumerable items and not string when !member.IsUrl:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsRecord(item.GetType()))
                        {
                            Collect(item, $"{prefix}{member.Property.Name}[{index}].", depth + 1, ref found);
                        }

                        index++;
                    }

                    break;
                default:
                    if (!member.IsUrl && IsRecord(value.GetType()))
                    {
                        Collect(value, prefix + member.Property.Name + ".", depth + 1, ref found);
                    }

                    break;
            }
        }
    }

    private static bool IsRecord(Type type) => type.IsClass && type.Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true && !type.Namespace.EndsWith(".Common", StringComparison.Ordinal);

    // Only members that are URLs or lead to records holding URLs are kept: a validation walks no more than it checks.
    private static Member[] Plan(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new Member(p, p.IsDefined(typeof(UrlAttribute), inherit: true)))
            .Where(m => m.IsUrl || (RecordType(m.Property.PropertyType) is { } record && HoldsUrls(record, depth: 0))),
    ];

    private static Type? RecordType(Type type) =>
        IsRecord(type) ? type
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && IsRecord(type.GetGenericArguments()[0]) ? type.GetGenericArguments()[0]
        : null;

    private static bool HoldsUrls(Type type, int depth) =>
        depth < 8 && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p =>
            p.IsDefined(typeof(UrlAttribute), inherit: true) || (RecordType(p.PropertyType) is { } nested && nested != type && HoldsUrls(nested, depth + 1)));

    private sealed record Member(PropertyInfo Property, bool IsUrl);
}
