namespace TenancySchemas.Security;

/// <summary>How a sensitive member is shown in <c>ToString()</c> and diagnostics.</summary>
internal enum SensitiveKind
{
    /// <summary>Shown as <c>***</c>.</summary>
    Value,

    /// <summary>A webhook or callback URL, shown as <c>scheme://host</c>.</summary>
    Url,
}

/// <summary>
/// Marks a record member as sensitive: it is masked in <c>ToString()</c>, its validation
/// failures carry no attempted value, and it is never quoted in a message.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
internal sealed class SensitiveAttribute(SensitiveKind kind = SensitiveKind.Value) : Attribute
{
    public SensitiveKind Kind { get; } = kind;
}
