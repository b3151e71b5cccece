using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Isolation;

/// <summary>
/// How strictly documents of different tenants are kept apart, and which endpoints a document's URLs may point at. URLs
/// are judged as written, after the host is canonicalized (IDN-mapped, trailing dots removed, read again as an address,
/// IPv4 inside IPv6 unwrapped), and strict and moderate refuse a URL whose host cannot be read unambiguously (one that
/// does not parse, a percent-encoded host, an authority that browsers and curl split differently). Validation cannot see
/// DNS, so deliver with <see cref="IsolationConnectGuard"/> at the same level to refuse names that resolve to forbidden
/// addresses.
/// </summary>
[JsonConverter(typeof(WireEnumConverter<IsolationLevel>))]
public enum IsolationLevel
{
    /// <summary>
    /// A current tenant is required and every document must belong to it (<c>strict</c>). URLs must use https and point
    /// at a globally reachable address or public name: private, shared, reserved, multicast, loopback, link-local and
    /// metadata addresses, IPv4 not written as four plain decimal octets, single-label names and internal zones
    /// (<c>.local</c>, <c>.internal</c>, <c>.svc</c>, <c>.home.arpa</c>, …) are refused.
    /// </summary>
    [JsonStringEnumMemberName("strict")]
    Strict,

    /// <summary>
    /// Documents must belong to the current tenant when one is set (<c>moderate</c>). URLs may not point at this machine
    /// (loopback, <c>localhost</c>, the unspecified addresses), link-local addresses or cloud metadata services, in any
    /// notation.
    /// </summary>
    [JsonStringEnumMemberName("moderate")]
    Moderate,

    /// <summary>Format checks only, for back-office tools that handle many tenants (<c>basic</c>); URLs are not judged.</summary>
    [JsonStringEnumMemberName("basic")]
    Basic,
}
