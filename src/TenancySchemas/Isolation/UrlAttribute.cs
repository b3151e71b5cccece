namespace TenancySchemas.Isolation;

/// <summary>Marks a member holding URLs (a string, a list of strings, or a map's values), which the isolation levels guard.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
internal sealed class UrlAttribute : Attribute;
