using System.Buffers;
using System.Net;

namespace TenancySchemas.Isolation;

/// <summary>What an isolation level forbids about a URL.</summary>
internal enum EndpointViolation
{
    None,
    HttpsRequired,
    PrivateEndpoint,
}

/// <summary>
/// Guards the URLs of a document (<c>docs/security.md</c>): <see cref="Urls"/> finds every URL the contract marks
/// (<see cref="UrlAttribute"/>), <see cref="Check"/> judges one at an isolation level.
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

    /// <summary>Every URL of a document with its property path (<c>Targets[0].Endpoint</c>, <c>Actions[0][url]</c>).</summary>
    public static IReadOnlyList<(string Path, string Url)> Urls(object document) => UrlCollector.Collect(document);

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
}
