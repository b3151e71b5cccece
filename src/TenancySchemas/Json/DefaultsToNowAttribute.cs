namespace TenancySchemas.Json;

/// <summary>
/// Marks a timestamp member that defaults to "now" when a document omits it. The reader fills it
/// from its injected <see cref="TimeProvider"/>; a record built in code gets <see cref="TimeProvider.System"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DefaultsToNowAttribute : Attribute;
