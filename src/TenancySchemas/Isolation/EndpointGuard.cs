using System.Buffers;
using System.Net;
using System.Text;

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
/// addresses actually connected to with the same table (<see cref="EndpointPolicy"/>). It fails closed: a URL whose
/// host it cannot tell as every client would (one <see cref="Uri"/> cannot parse, a percent-encoded host, an authority
/// that WHATWG and RFC 3986 readers split differently, a host UTS #46 refuses) is refused wherever hosts are judged.
/// </remarks>
internal static class EndpointGuard
{
    // Where an authority ends: WHATWG reads a backslash as a slash in special URLs (http, https, ws, wss, ftp), as Uri
    // does; RFC 3986 readers (curl, most non-browser clients) keep it as part of the authority.
    private static readonly SearchValues<char> WhatwgAuthorityEnd = SearchValues.Create("/\\?#");
    private static readonly SearchValues<char> RfcAuthorityEnd = SearchValues.Create("/?#");

    private static readonly SearchValues<char> SchemeChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    private static readonly SearchValues<char> HostAndPortHostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    private static readonly string[] SpecialSchemes = ["http", "https", "ws", "wss", "ftp"];

    /// <summary>Every URL of a document with its property path (<c>Targets[0].Endpoint</c>, <c>Actions[0][url]</c>).</summary>
    public static IReadOnlyList<(string Path, string Url)> Urls(object document) => UrlCollector.Collect(document);

    /// <summary>
    /// The URLs of a document that <see cref="Check"/> refuses at a level, with their property paths: at most
    /// <paramref name="max"/>, the others counted in <paramref name="more"/>.
    /// </summary>
    public static IReadOnlyList<(string Path, string Url)> Refused(object document, IsolationLevel level, int max, out int more) =>
        UrlCollector.Collect(document, url => Check(url, level) != EndpointViolation.None, max, out more);

    /// <summary>
    /// Judges a URL at an isolation level: strict wants https; moderate and strict forbid the hosts
    /// <see cref="EndpointPolicy"/> lists for them, in any notation, and a URL the guard cannot read as every client
    /// would (<see cref="IsReadable"/>); basic checks nothing. An absolute URI without a host (<c>mailto:</c>,
    /// <c>urn:</c>) names no endpoint and passes.
    /// </summary>
    public static EndpointViolation Check(string url, IsolationLevel level)
    {
        if (level == IsolationLevel.Basic)
        {
            return EndpointViolation.None;
        }

        switch (Read(url, out var target))
        {
            case Reading.NoHost:
                return EndpointViolation.None;
            case Reading.Unreadable:
                // Fail closed: a URL whose host cannot be told is refused as a forbidden host would be.
                return EndpointViolation.PrivateEndpoint;
        }

        if (level == IsolationLevel.Strict && target.Uri.Scheme != Uri.UriSchemeHttps)
        {
            return EndpointViolation.HttpsRequired;
        }

        return IsForbiddenHost(target, level) ? EndpointViolation.PrivateEndpoint : EndpointViolation.None;
    }

    /// <summary>
    /// Whether the guard can tell the host of <paramref name="url"/> as every client would: the value is an absolute
    /// URI that <see cref="Uri"/> parses (or a network-path reference, or <c>host:port</c>, which some clients take as
    /// a host), WHATWG readers (browsers, Node) and RFC 3986 readers (curl) find the same host in it, and that host can
    /// be canonicalized (IDN-mapped, or read as an address). A percent-encoded host, <c>https://good.com\@127.0.0.1/</c>
    /// (good.com to a browser, 127.0.0.1 to curl) or a relative reference is not readable.
    /// </summary>
    public static bool IsReadable(string url) => Read(url, out _) != Reading.Unreadable;

    /// <summary>Whether <paramref name="text"/> starts with an http or https scheme, as a WHATWG reader sees it (leading spaces and controls, tabs and newlines ignored).</summary>
    public static bool HasHttpScheme(string text)
    {
        Span<char> scheme = stackalloc char[6];
        var length = 0;
        var started = false;
        foreach (var c in text)
        {
            // Leading Unicode spaces too: some clients (Python's requests) strip them where WHATWG readers do not.
            if (c is '\t' or '\n' or '\r' || (!started && (c <= ' ' || char.IsWhiteSpace(c))))
            {
                continue;
            }

            started = true;
            if (c == ':')
            {
                return scheme[..length] is "http" or "https";
            }

            if (length == scheme.Length || !char.IsAsciiLetter(c))
            {
                return false;
            }

            scheme[length++] = char.ToLowerInvariant(c);
        }

        return false;
    }

    private static Reading Read(string url, out Target target)
    {
        target = default;
        var text = Normalize(url);
        if (IsHostAndPort(text))
        {
            // "localhost:6379" is an opaque URI to Uri and WHATWG, a host and port to curl, which guesses http.
            text = string.Concat("http://", text);
        }
        else if (text.Length > 1 && text[0] is '/' or '\\' && text[1] is '/' or '\\')
        {
            // A network-path reference names a host; its scheme is the base URL's, unknown here.
            text = string.Concat("http:", text);
        }

        if (SchemeLength(text) is not { } schemeLength)
        {
            // A relative reference in a member that holds absolute URLs: nothing tells where a client would send it.
            return Reading.Unreadable;
        }

        // The host as WHATWG readers find it (after any slashes and backslashes in a special URL) and as RFC 3986
        // readers do (after "//"); a non-special URL without "//" has no authority to either.
        var rest = text.AsSpan(schemeLength + 1);
        var rfcAuthority = rest.StartsWith("//");
        var special = IsSpecial(text.AsSpan(0, schemeLength));
        var hasAuthority = rfcAuthority || special;
        var rfcHost = rfcAuthority ? HostOf(rest[2..], RfcAuthorityEnd) : default;
        var raw = special ? HostOf(rest.TrimStart("/\\"), WhatwgAuthorityEnd) : rfcHost;
        if (rfcAuthority && !rfcHost.Equals(raw, StringComparison.OrdinalIgnoreCase))
        {
            // https://good.com\@127.0.0.1/: good.com to a browser, 127.0.0.1 to curl.
            return Reading.Unreadable;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return Reading.Unreadable;
        }

        if (uri.IsFile)
        {
            // file:///etc/passwd names no host but reads this machine (and file://host/share another one's share).
            return Reading.Unreadable;
        }

        if (uri.Host.Length == 0)
        {
            // https:///127.0.0.1/ has no host to Uri and host 127.0.0.1 to a browser.
            return raw.IsEmpty ? Reading.NoHost : Reading.Unreadable;
        }

        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv6:
                // Uri keeps the brackets and drops a zone id; fe80::/10 is judged whatever the zone.
                if (!IPAddress.TryParse(uri.Host.AsSpan().Trim("[]"), out var v6))
                {
                    return Reading.Unreadable;
                }

                target = new Target(uri, null, v6, null);
                return Reading.Host;
            case UriHostNameType.IPv4:
                target = new Target(uri, hasAuthority ? raw.ToString() : null, IPAddress.Parse(uri.Host), null);
                return Reading.Host;
        }

        // Uri keeps a name as written, lower-cased: another reading of the authority shows here as another name. (A
        // mailto: address has a host to Uri and no authority to the others.)
        if (hasAuthority && Ascii.IsValid(raw) && !raw.Equals(uri.Host, StringComparison.OrdinalIgnoreCase))
        {
            return Reading.Unreadable;
        }

        string mapped;
        try
        {
            mapped = uri.IdnHost;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            // UTS #46 refuses it (⒈): clients that map it otherwise, or not at all, may reach anything.
            return Reading.Unreadable;
        }

        target = new Target(uri, null, null, mapped.TrimEnd('.').ToLowerInvariant());
        return Reading.Host;
    }

    private static bool IsForbiddenHost(Target target, IsolationLevel level)
    {
        if (target.Uri.HostNameType == UriHostNameType.IPv6)
        {
            return EndpointPolicy.IsForbidden(target.Address!, level);
        }

        if (target.Uri.HostNameType == UriHostNameType.IPv4)
        {
            // Uri has read octal, hex and short forms already (0177.1 is 127.0.0.1); other parsers read leading zeros
            // as decimal (0127.0.0.1 as 127.0.0.1, where Uri sees 87.0.0.1), so both readings are judged, and strict
            // accepts only the one notation every parser agrees on.
            var raw = target.RawHost;
            return EndpointPolicy.IsForbidden(target.Address!, level)
                || (raw is not null && DecimalReading(raw) is { } decimalReading && EndpointPolicy.IsForbidden(decimalReading, level))
                || (level == IsolationLevel.Strict && (raw is null || !IsPlainDottedQuad(raw)));
        }

        var name = target.Name!;

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

    /// <summary>The value as a WHATWG reader takes it: leading and trailing spaces and controls dropped, tabs and newlines removed.</summary>
    private static string Normalize(string url)
    {
        int start = 0, end = url.Length;
        while (start < end && url[start] <= ' ')
        {
            start++;
        }

        while (end > start && url[end - 1] <= ' ')
        {
            end--;
        }

        var trimmed = url.AsSpan(start, end - start);
        if (trimmed.IndexOfAny('\t', '\n', '\r') < 0)
        {
            return trimmed.Length == url.Length ? url : trimmed.ToString();
        }

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The length of the scheme <paramref name="text"/> starts with (a letter, then letters, digits, <c>+ - .</c>, then ':'), or null.</summary>
    private static int? SchemeLength(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(text[0]) && !text.AsSpan(0, colon).ContainsAnyExcept(SchemeChars) ? colon : null;
    }

    private static bool IsSpecial(ReadOnlySpan<char> scheme)
    {
        foreach (var special in SpecialSchemes)
        {
            if (scheme.Equals(special, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>name:port</c>, optionally followed by a path, query or fragment, where the name is not a special scheme.</summary>
    private static bool IsHostAndPort(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || text.AsSpan(0, colon).ContainsAnyExcept(HostAndPortHostChars) || IsSpecial(text.AsSpan(0, colon)))
        {
            return false;
        }

        var port = text.AsSpan(colon + 1);
        var end = port.IndexOfAny(RfcAuthorityEnd);
        port = end < 0 ? port : port[..end];
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>The host of the authority <paramref name="text"/> starts with, up to the first of <paramref name="end"/>: after the last '@', before the port.</summary>
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> text, SearchValues<char> end)
    {
        var stop = text.IndexOfAny(end);
        var authority = stop < 0 ? text : text[..stop];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.IndexOf(':');
        return colon < 0 ? host : host[..colon];
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

    private enum Reading
    {
        /// <summary>An absolute URI without a host (<c>mailto:</c>, <c>urn:</c>): no endpoint.</summary>
        NoHost,

        /// <summary>A host every reader agrees on, canonicalized.</summary>
        Host,

        /// <summary>No host the guard can vouch for.</summary>
        Unreadable,
    }

    /// <summary>A URL's host: the address (IPv4 or IPv6 host), or the IDN-mapped name without trailing dots; and the host as written.</summary>
    private readonly record struct Target(Uri Uri, string? RawHost, IPAddress? Address, string? Name);
}
