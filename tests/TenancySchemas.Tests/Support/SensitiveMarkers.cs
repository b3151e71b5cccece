using System.Collections;
using System.Reflection;
using System.Text.Json;
using TenancySchemas.Json;
using TenancySchemas.Schemas;

namespace TenancySchemas.Tests.Support;

/// <summary>
/// Plants unique markers in a document's sensitive members (<c>[Sensitive]</c>) and in secret-looking entries of its
/// maps, at any depth, and remembers them, so that a test can scan a channel (failures, logs, metrics, the CLI's
/// output, HTTP bodies) for any of them. Shared as a linked file by the test projects of the library, the CLI and the
/// web sample: sensitive members are found by the attribute's name, which needs no access to the library's internals.
/// </summary>
internal sealed class SensitiveMarkers
{
    private const string SensitiveAttributeName = "TenancySchemas.Security.SensitiveAttribute";
    private const int MaxDepth = 6;

    private readonly string _prefix;
    private int _count;

    /// <param name="prefix">The start of every marker, distinct per scan so that markers of two scans never meet.</param>
    public SensitiveMarkers(string prefix = "mk")
    {
        _prefix = prefix;
    }

    /// <summary>Gets every marker planted so far.</summary>
    public List<string> Markers { get; } = [];

    /// <summary>Gets how many sensitive members were met (none in a schema whose only secrets are map entries).</summary>
    public int SensitiveMembers { get; private set; }

    /// <summary>True when a member is marked sensitive.</summary>
    public static bool IsSensitive(PropertyInfo property) =>
        property.GetCustomAttributes(inherit: true).Any(attribute => attribute.GetType().FullName == SensitiveAttributeName);

    /// <summary>
    /// Reads a document of a schema with the wire format, plants markers in it (<see cref="Plant"/>) and writes it
    /// back, in plaintext: the document a hostile or careless client sends.
    /// </summary>
    /// <param name="schema">The schema's name.</param>
    /// <param name="validJson">A valid document of that schema to start from.</param>
    /// <param name="wellFormed">Whether markers keep the shape of the values they replace (see <see cref="Plant"/>).</param>
    public string PlantIn(string schema, string validJson, bool wellFormed = false) =>
        (SchemaRegistry.Find(schema) ?? throw new ArgumentOutOfRangeException(nameof(schema), schema, "not a registered schema"))
            .Accept(new JsonPlanter(this, validJson, wellFormed));

    /// <summary>
    /// Plants markers in a record and the records it holds. By default every sensitive member gets a marker that
    /// breaks its format (an address without a domain, a URL that is not one) so that its rules fail, and every map a
    /// secret-looking entry. <paramref name="wellFormed"/> instead keeps values valid where their shape allows it (an
    /// address's local part, a URL's path) and adds no entries, for documents that are accepted.
    /// </summary>
    public void Plant(object record, bool wellFormed = false) => Plant(record, wellFormed, depth: 0);

    /// <summary>The first marker found in a text, if any.</summary>
    public string? FoundIn(string text) => Markers.FirstOrDefault(marker => text.Contains(marker, StringComparison.Ordinal));

    private void Plant(object record, bool wellFormed, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(record);
            var sensitive = IsSensitive(property);
            SensitiveMembers += sensitive ? 1 : 0;
            switch (value)
            {
                case string text when sensitive:
                    property.SetValue(record, wellFormed ? KeepingShape(text) : Marker() + "@");
                    break;
                case IReadOnlyList<string> items when sensitive:
                    // A webhook URL's scheme and host are shown by design (spec §1.10): the marker is in its path.
                    property.SetValue(record, wellFormed
                        ? items.Select(KeepingShape).ToList()
                        : new List<string> { Marker() + "@", "https://hooks.example.com/" + Marker() });
                    break;
                case IReadOnlyDictionary<string, string> map:
                    var withSecret = map.ToDictionary(kv => kv.Key, kv => !sensitive ? kv.Value : wellFormed ? KeepingShape(kv.Value) : Marker() + "@");
                    if (!wellFormed)
                    {
                        withSecret["api_token"] = Marker();
                        if (sensitive)
                        {
                            withSecret["email"] = Marker() + "@";
                        }
                    }

                    property.SetValue(record, withSecret);
                    break;
                case IReadOnlyDictionary<string, JsonElement> json when !wellFormed:
                    var withJsonSecret = json.ToDictionary(kv => kv.Key, kv => kv.Value);
                    withJsonSecret["password"] = JsonSerializer.SerializeToElement(Marker());
                    withJsonSecret["nested"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["client_secret"] = Marker() });
                    property.SetValue(record, withJsonSecret);
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        if (item is not null && IsRecord(item.GetType()))
                        {
                            Plant(item, wellFormed, depth + 1);
                        }
                    }

                    break;
                case { } nested when IsRecord(nested.GetType()) && !nested.GetType().Namespace!.EndsWith(".Common", StringComparison.Ordinal):
                    Plant(nested, wellFormed, depth + 1);
                    break;
                case null when sensitive && property.PropertyType == typeof(string) && !wellFormed:
                    property.SetValue(record, Marker() + "@");
                    break;
            }
        }
    }

    private static bool IsRecord(Type type) => type.IsClass && type.Namespace?.StartsWith("TenancySchemas.", StringComparison.Ordinal) == true;

    // An address keeps its domain, a URL its scheme and host; a value of another shape (a phone number, an IP
    // address) cannot hold a marker and stay valid, so it is left as it is.
    private string KeepingShape(string value)
    {
        if (value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && !value.Contains("://", StringComparison.Ordinal))
        {
            return Marker() + value[at..];
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"{uri.Scheme}://{uri.Authority}/{Marker()}"
            : value;
    }

    private string Marker()
    {
        var marker = $"{_prefix}{_count++:D3}q";
        Markers.Add(marker);
        return marker;
    }

    private sealed class JsonPlanter(SensitiveMarkers markers, string json, bool wellFormed) : ISchemaVisitor<string>
    {
        public string Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var wire = new TenancyJson();
            var document = wire.Read<T>(json).Value ?? throw new InvalidOperationException($"The document to start from is not a valid {schema.Name} document.");
            markers.Plant(document, wellFormed);
            return wire.Write(document);
        }
    }
}
