using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
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
/// Guards the URLs of a document (spec §1.10, issue "isolation levels"): strict wants https and no loopback, private,
/// link-local, unique-local, carrier-grade NAT, multicast, unspecified, metadata or local-name host; moderate forbids
/// loopback, link-local and metadata hosts. IPv4 in any notation is read the way <see cref="Uri"/> canonicalizes it
/// (decimal, octal, hex, short), and IPv4-mapped or -compatible IPv6 addresses are unwrapped.
/// </summary>
internal static class EndpointGuard
{
    private static readonly ConcurrentDictionary<Type, Member[]> Plans = new();

    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>Every URL of a document with its property path (<c>Targets[0].Endpoint</c>).</summary>
    public static IReadOnlyList<(string Path, string Url)> Urls(object document)
    {
        List<(string Path, string Url)>? found = null;
        Collect(document, string.Empty, depth: 0, ref found);

        // Not `found is null ? [] : found`: the conditional's type is List<…>, so its [] is a new list on every call.
        return found is null ? Array.Empty<(string Path, string Url)>() : found;
    }

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

        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return IsForbidden(Unwrap(address), level) ? EndpointViolation.PrivateEndpoint : EndpointViolation.None;
        }

        var localName = host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);
        var strictName = host.EndsWith(".local", StringComparison.Ordinal) || host.EndsWith(".internal", StringComparison.Ordinal) || !host.Contains('.', StringComparison.Ordinal) && host is "metadata";
        return localName || (level == IsolationLevel.Strict && strictName) ? EndpointViolation.PrivateEndpoint : EndpointViolation.None;
    }

    private static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // IPv4-compatible (deprecated) ::a.b.c.d: the first 96 bits are zero.
        var bytes = address.GetAddressBytes();
        return bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && bytes.AsSpan(12).IndexOfAnyExcept((byte)0) >= 0 && !IPAddress.IPv6Loopback.Equals(address)
            ? new IPAddress(bytes.AsSpan(12))
            : address;
    }

    private static bool IsForbidden(IPAddress address, IsolationLevel level)
    {
        var loopback = IPAddress.IsLoopback(address);
        var linkLocal = address.AddressFamily == AddressFamily.InterNetwork ? InRange(address, "169.254.0.0", 16) : address.IsIPv6LinkLocal;
        var metadata = MetadataAddresses.Contains(address);
        if (loopback || linkLocal || metadata)
        {
            return true;
        }

        if (level != IsolationLevel.Strict)
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return InRange(address, "10.0.0.0", 8) || InRange(address, "172.16.0.0", 12) || InRange(address, "192.168.0.0", 16)
                || InRange(address, "100.64.0.0", 10) || InRange(address, "224.0.0.0", 4) || InRange(address, "240.0.0.0", 4)
                || InRange(address, "0.0.0.0", 8) || InRange(address, "192.0.0.0", 24) || InRange(address, "198.18.0.0", 15);
        }

        return address.Equals(IPAddress.IPv6Any) || address.IsIPv6Multicast || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
    }

    private static bool InRange(IPAddress address, string network, int prefix) =>
        new IPNetwork(IPAddress.Parse(network), prefix).Contains(address);

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
