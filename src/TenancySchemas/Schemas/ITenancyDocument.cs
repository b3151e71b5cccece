namespace TenancySchemas.Schemas;

/// <summary>
/// Marks a root document of one of the library's schemas: the types <see cref="Json.TenancyJson"/> reads and writes and
/// for which <c>AddTenancySchemas()</c> registers an <c>IValidator&lt;T&gt;</c>. <see cref="SchemaRegistry.All"/> lists them.
/// </summary>
#pragma warning disable CA1040 // A marker: generic entry points accept only the schema types at compile time.
public interface ITenancyDocument;
#pragma warning restore CA1040
