using System.Text.Json.Serialization.Metadata;
using TenancySchemas.Json;
using TenancySchemas.Schemas;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// Every member type of every schema is one the wire format knows (the scalar table, an enumeration with its wire
/// converter, a record, a list, set or map of those, or a converter that inspects itself), so that a refused document
/// is always explained by the inspector and never ends in an exception.
/// </summary>
public sealed class WireTypeTests
{
    [Fact]
    public void Every_member_type_of_every_schema_is_one_the_wire_format_knows()
    {
        var options = new TenancyJson().ShapeOptions;
        var unknown = new List<string>();
        var visited = new HashSet<Type>();
        foreach (var schema in SchemaRegistry.All)
        {
            Walk(schema.DocumentType, schema.Name);
        }

        unknown.Should().BeEmpty("add the type to WireScalars (and the inspector's shapes) or give the member an inspecting converter");
        visited.Should().Contain(typeof(TenancySchemas.Alerts.AlertCondition)).And.Contain(typeof(TenancySchemas.Monitoring.DashboardPanel), "nested records are walked too");

        void Walk(Type type, string path)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (WireScalars.Table.ContainsKey(type) || !visited.Add(type))
            {
                return;
            }

            var info = options.GetTypeInfo(type);
            switch (info.Converter)
            {
                case IWireEnumConverter or IInspectingConverter:
                    return;
            }

            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    foreach (var property in info.Properties)
                    {
                        if (property.CustomConverter is not IInspectingConverter)
                        {
                            Walk(property.PropertyType, $"{path}.{property.Name}");
                        }
                    }

                    break;
                case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when info.Kind != JsonTypeInfoKind.Dictionary || info.KeyType == typeof(string):
                    Walk(info.ElementType!, $"{path}[]");
                    break;
                default:
                    unknown.Add($"{path}: {type}");
                    break;
            }
        }
    }
}
