namespace TenancySchemas.Isolation;

/// <summary>How a member marked <see cref="UrlAttribute"/> holds URLs, and so which of its values the isolation levels judge.</summary>
internal enum UrlKind
{
    /// <summary>
    /// Every value is a URL (the contract's format is URL, or a sibling or a key makes it one): each value is judged, one
    /// whose host the guard cannot tell (unparsable, a relative reference, read differently by different clients) fails
    /// closed, and strict wants https whatever the scheme. A member marked with this kind has the URL format rule, which
    /// alone answers for a value it refuses that the guard cannot read.
    /// </summary>
    Url,

    /// <summary>
    /// A value may be a URL among other things (a deep link that may use an app's own scheme, an action target, a
    /// contact): only values with an http or https scheme are judged, parsable or not; <c>myapp://open</c>, <c>#ops</c>
    /// or an e-mail address are not URLs anyone fetches. In a map or free-form JSON, an entry whose key names a URL
    /// (<c>url</c>, <c>webhook</c>, <c>callback_uri</c>, …) is a <see cref="Url"/>.
    /// </summary>
    Link,

    /// <summary>
    /// A path that is resolved against another member's URL (a monitoring target's metrics path): judged when it would
    /// replace that URL's host, as a network-path reference (<c>//host/x</c>) or an absolute http(s) URL does.
    /// </summary>
    Path,
}

/// <summary>
/// Marks a member holding URLs (a string, a list of strings, a map's values, or free-form JSON), which the isolation
/// levels guard. The mark lives on the record so that the guard enumerates the contract rather than a list of its own.
/// </summary>
/// <param name="kind">How the member holds URLs.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
internal sealed class UrlAttribute(UrlKind kind = UrlKind.Url) : Attribute
{
    /// <summary>Gets how the member holds URLs.</summary>
    public UrlKind Kind { get; } = kind;

    /// <summary>
    /// Gets the name of a sibling member that makes this one a <see cref="UrlKind.Url"/> when it equals
    /// <see cref="Is"/> (an alert action's target when its type is webhook); otherwise the member is of its own
    /// <see cref="Kind"/>.
    /// </summary>
    public string? UrlWhen { get; init; }

    /// <summary>Gets the value of <see cref="UrlWhen"/> that makes this member a URL.</summary>
    public object? Is { get; init; }
}
