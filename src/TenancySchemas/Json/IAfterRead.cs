namespace TenancySchemas.Json;

/// <summary>
/// A record that finishes itself once all its members are read (the wire contract calls it, whichever converter reads
/// the record): for members whose wire form also sets a sibling, such as the object form of a tenant's <c>features</c>.
/// It may throw a <see cref="System.Text.Json.JsonException"/>, which refuses the document.
/// </summary>
internal interface IAfterRead
{
    void AfterRead();
}
