using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace TenancySchemas.Common;

/// <summary>The shared formats (e-mail, phone, URL, locale, …) as plain predicates. Null is not a format error: required-ness is checked apart.</summary>
internal static partial class Formats
{
    private const int MaxEmailLength = 254;
    private const int MaxUrlLength = 2083;

    private static readonly PhoneNumberUtil PhoneNumbers = PhoneNumberUtil.GetInstance();

    public static bool IsTenantId(string value) => TenantIdPattern().IsMatch(value);

    /// <summary>An addr-spec (no display name) of at most 254 characters whose domain ends in a TLD of two or more letters.</summary>
    public static bool IsEmail(string value)
    {
        if (value.Length is 0 or > MaxEmailLength || HasControlOrSpace(value))
        {
            return false;
        }

        if (!MailAddress.TryCreate(value, out var address) || address.DisplayName.Length != 0 ||
            !string.Equals(address.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        var host = address.Host;
        var dot = host.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var tld = host.AsSpan(dot + 1);
        return tld.Length >= 2 && !tld.ContainsAnyExcept(AsciiLetters);
    }

    /// <summary>An email-like alert recipient: an <c>@</c> that is not the first character.</summary>
    public static bool LooksLikeEmail(string value) => value.IndexOf('@', StringComparison.Ordinal) > 0;

    /// <summary>E.164: <c>+</c> and digits only, and a number libphonenumber considers valid.</summary>
    public static bool IsE164Phone(string value)
    {
        if (!E164Pattern().IsMatch(value))
        {
            return false;
        }

        try
        {
            return PhoneNumbers.IsValidNumber(PhoneNumbers.Parse(value, null));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>An IANA time zone id known to this machine's time zone database; Windows ids are rejected.</summary>
    public static bool IsIanaTimeZone(string value) =>
        value.Length is > 0 and <= 64 && !HasControlOrSpace(value) &&
        TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) && zone.HasIanaId;

    /// <summary><c>ll</c>, <c>ll-CC</c> or <c>ll_CC</c>, optionally with a script (<c>zh-Hans</c>, <c>sr-Latn-RS</c>).</summary>
    public static bool IsLocale(string value) => LocalePattern().IsMatch(value);

    /// <summary>An absolute http or https URL with a host, at most 2083 characters; no TLD is needed.</summary>
    public static bool IsHttpUrl(string value) =>
        value.Length is > 0 and <= MaxUrlLength && !HasControlOrSpace(value) &&
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host);

    /// <summary>An IPv4 address in dotted-quad form or an IPv6 address.</summary>
    public static bool IsIpAddress(string value) => TryParseIp(value, out _);

    /// <summary>An IP address, or a CIDR range <c>address/prefix</c>.</summary>
    public static bool IsIpOrCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return TryParseIp(value, out _);
        }

        var prefix = value.AsSpan(slash + 1);
        if (!TryParseIp(value[..slash], out var address) || prefix.Length is 0 or > 3 || prefix.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var bits = int.Parse(prefix, NumberStyles.None, CultureInfo.InvariantCulture);
        return bits <= (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    private static bool TryParseIp(string value, out IPAddress address)
    {
        address = IPAddress.None;
        if (value.Length is 0 or > 64 || HasControlOrSpace(value))
        {
            return false;
        }

        // IPAddress.TryParse also takes "127.1" and "2130706433"; a configured address must be spelled in full.
        var isV6 = value.Contains(':', StringComparison.Ordinal);
        if (!isV6 && !DottedQuadPattern().IsMatch(value))
        {
            return false;
        }

        if (!IPAddress.TryParse(value, out var parsed))
        {
            return false;
        }

        address = parsed;
        return isV6 ? parsed.AddressFamily == AddressFamily.InterNetworkV6 : parsed.AddressFamily == AddressFamily.InterNetwork;
    }

    private static bool HasControlOrSpace(string value)
    {
        foreach (var c in value)
        {
            if (c <= ' ' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>The tenant id pattern, also exported into JSON Schemas.</summary>
    /// <summary>The tenant id pattern in JSON Schema's (ECMA-262) dialect, where <c>$</c> is the end of the text.</summary>
    public const string TenantIdRegex = "^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$";

    // .NET's $ also matches before a final newline ("northwind\n"): \z is the end of the text.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{2,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantIdPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164Pattern();

    [GeneratedRegex("^[a-z]{2,3}(?:[-_][A-Z][a-z]{3})?(?:[-_](?:[A-Z]{2}|[0-9]{3}))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalePattern();

    [GeneratedRegex(@"^(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuadPattern();
}
