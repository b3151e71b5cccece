namespace TenancySchemas.Security;

/// <summary>
/// The one list of names that mark a value as secret wherever it appears as a map key or a member of free-form JSON
/// (any depth): such values are masked in <c>ToString()</c>, taken out of validation failures and, with Data Protection,
/// encrypted like the <c>[Sensitive]</c> members. A name matches when, lower-cased and without <c>_</c>, <c>-</c>,
/// <c>.</c> and spaces, it contains one of <see cref="Parts"/>: <c>api_key</c>, <c>X-Api-Key</c> and <c>apikey</c> alike.
/// </summary>
internal static class SecretNames
{
    /// <summary>The parts, written without separators.</summary>
    public static readonly IReadOnlyList<string> Parts =
    [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "privatekey", "accesskey", "auth", "bearer",
        "credential", "cookie", "session", "dsn", "signature", "connectionstring",
    ];

    /// <summary>True when a key or member name marks its value as secret.</summary>
    public static bool IsSecret(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        Span<char> folded = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        var text = folded[..length];
        foreach (var part in Parts)
        {
            if (text.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
