using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.DependencyInjection;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Security;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Reference;

/// <summary>
/// Writes the reference pages of <c>docs/reference/</c> from the code: the schema registry, the serializer contract,
/// the JSON Schema export, the validators' declared checks, the tier table, the options and the message resources.
/// </summary>
internal sealed partial class ReferencePages
{
    private static readonly string[] Languages = ["en", "fr", "de", "es"];
    private static readonly ResourceManager Messages = new("TenancySchemas.Localization.Messages", typeof(TenancyJson).Assembly);

    private readonly ServiceProvider _services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
    // The contract's shapes (member names, types, required members, defaults): the reader's records use a converter of their own.
    private readonly JsonSerializerOptions _contract = JsonContract.CreateShapes(TimeProvider.System, new TenancyJsonOptions());
    private readonly XmlDocs _docs = XmlDocs.Load(typeof(TenancyJson).Assembly);
    private readonly Dictionary<Type, string> _recordPages = [];
    private readonly Dictionary<string, SortedSet<string>> _codeUsers = new(StringComparer.Ordinal);

    /// <summary>Builds every page: relative path under <c>docs/reference/</c> → content.</summary>
    public static IReadOnlyDictionary<string, string> Build()
    {
        var pages = new ReferencePages();
        try
        {
            return pages.BuildAll();
        }
        finally
        {
            pages._services.Dispose();
        }
    }

    private SortedDictionary<string, string> BuildAll()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);

        // Each record type is documented once, on the first schema page that reaches it.
        foreach (var schema in SchemaRegistry.All)
        {
            foreach (var type in RecordTypes(schema.DocumentType))
            {
                _recordPages.TryAdd(type, schema.Name);
            }
        }

        foreach (var schema in SchemaRegistry.All)
        {
            result[schema.Name + ".md"] = SchemaPage(schema);
        }

        result["error-codes.md"] = ErrorCodesPage();
        result["tiers.md"] = TiersPage();
        result["configuration.md"] = ConfigurationPage();
        result["README.md"] = IndexPage();
        return result;
    }

    private static string Header(string title) =>
        $"<!-- Generated from the code by ReferencePages (tests/TenancySchemas.Tests/Reference); do not edit. -->\n\n# {title}\n\n";

    private string IndexPage()
    {
        var page = new StringBuilder(Header("Reference"));
        page.Append("Generated from the code: the schema registry, the serializer contract, the validators and the message resources.\n\n");
        page.Append("| Schema | .NET type | Summary |\n|-|-|-|\n");
        foreach (var schema in SchemaRegistry.All)
        {
            page.Append(CultureInfo.InvariantCulture, $"| [`{schema.Name}`]({schema.Name}.md) | `{schema.DocumentType.Name}` | {Cell(_docs.Summary(schema.DocumentType))} |\n");
        }

        page.Append("\n- [Error codes](error-codes.md): every code with its message in English, French, German and Spanish.\n");
        page.Append("- [Tiers](tiers.md): the limits of each tier and their configuration keys.\n");
        page.Append("- [Configuration](configuration.md): every option, its configuration key, environment variable and default.\n");
        return page.ToString();
    }

    private string SchemaPage(SchemaDescriptor schema)
    {
        var type = schema.DocumentType;
        var page = new StringBuilder(Header($"`{schema.Name}`: {type.Name}"));
        page.Append(Text(_docs.Summary(type))).Append("\n\n");
        page.Append(CultureInfo.InvariantCulture, $"- .NET type: `{type.FullName}`; validator: `IValidator<{type.Name}>`.\n");
        page.Append(CultureInfo.InvariantCulture, $"- Read with `TenancyJson.Read<{type.Name}>` or `ReadAndValidate<{type.Name}>`; JSON Schema with `TenancyJsonSchemaExporter.GetSchema<{type.Name}>(tier)`.\n");
        page.Append(CultureInfo.InvariantCulture, $"- Command line: `--schema {schema.Name}`, or `\"$schema\": \"{schema.Name}\"` in the document.\n");
        if (schema.DocumentTierMember is { } tierMember)
        {
            page.Append(CultureInfo.InvariantCulture, $"- The document names its own tier in `{WireName(type, tierMember.Name)}`; tier rules run for that tier.\n");
        }

        page.Append('\n');
        var checks = RuleCatalog.Of(type, (IEnumerable<IValidationRule>)_services.GetRequiredService(schema.ValidatorType));
        var exported = _services.GetRequiredService<TenancyJsonSchemaExporter>().GetSchema(type, null);
        var nodes = new Dictionary<Type, JsonObject>();
        CollectNodes(type, exported, nodes);

        foreach (var record in RecordTypes(type))
        {
            if (_recordPages[record] != schema.Name)
            {
                continue;
            }

            page.Append(CultureInfo.InvariantCulture, $"## {record.Name}\n\n");
            if (record != type && _docs.Summary(record) is { Length: > 0 } summary)
            {
                page.Append(Text(summary)).Append("\n\n");
            }

            MembersTable(page, record, nodes.GetValueOrDefault(record));
            RulesTable(page, record, checks.Where(c => c.DeclaredOn == record), schema.Name);
        }

        var inherited = RecordTypes(type).Where(r => _recordPages[r] != schema.Name).ToList();
        if (inherited.Count > 0)
        {
            page.Append("## Shared records\n\n");
            foreach (var record in inherited)
            {
                page.Append(CultureInfo.InvariantCulture, $"- {RecordLink(record, schema.Name)}\n");
            }

            page.Append('\n');
            foreach (var check in checks.Where(c => inherited.Contains(c.DeclaredOn)))
            {
                NoteCodes(check, schema.Name);
            }
        }

        return page.ToString().TrimEnd() + "\n";
    }

    private void MembersTable(StringBuilder page, Type record, JsonObject? node)
    {
        var info = _contract.GetTypeInfo(record);
        var instance = info.CreateObject?.Invoke();
        page.Append("| Member | Type | Required | Default | Constraints | Description |\n|-|-|-|-|-|-|\n");
        foreach (var property in info.Properties)
        {
            var member = property.AttributeProvider as PropertyInfo;
            var schemaNode = node?["properties"]?[property.Name] as JsonObject;
            var description = member is null ? string.Empty : _docs.Summary(member);
            if (member?.GetCustomAttribute<SensitiveAttribute>(inherit: true) is { } sensitive)
            {
                description = (sensitive.Kind == SensitiveKind.Url ? "**Sensitive** (shown as scheme and host only). " : "**Sensitive** (never logged or shown). ") + description;
            }

            page.Append(CultureInfo.InvariantCulture, $"| `{property.Name}` | {TypeName(property.PropertyType, record)} | {(property.IsRequired ? "yes" : "no")} | {DefaultOf(property, member, instance)} | {Constraints(schemaNode)} | {Cell(description)} |\n");
        }

        page.Append('\n');
    }

    private void RulesTable(StringBuilder page, Type record, IEnumerable<DeclaredCheck> checks, string schemaName)
    {
        // One row per check; a tier rule declared once per tier is one row naming its tiers.
        var rows = new List<(string Key, List<string> Sets)>();
        foreach (var check in checks)
        {
            if (check.Component.Validator is IChildValidatorAdaptor)
            {
                continue;
            }

            NoteCodes(check, schemaName);
            var where = check.PropertyPath is { Length: > 0 } path ? WirePaths.Instance.ToJsonPath(path, record) : "$";
            if (check.Items)
            {
                where += "[*]";
            }

            var codes = string.Join("<br>", check.Codes.Select(code => $"[`{code}`](error-codes.md#{Anchor(code)})"));
            var severity = IsWarning(check.Component) ? " (warning)" : string.Empty;
            var conditional = check.Conditional ? " (when it applies)" : string.Empty;
            var key = $"| `{where}` | {Cell(Describe(check))}{severity}{conditional} | {{0}} | {codes} |";
            if (rows.FirstOrDefault(r => r.Key == key) is { Key: not null } existing)
            {
                existing.Sets.AddRange(check.RuleSets);
            }
            else
            {
                rows.Add((key, [.. check.RuleSets]));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        page.Append("| Where | Rule | Tiers | Code |\n|-|-|-|-|\n");
        foreach (var (key, sets) in rows)
        {
            var tiers = sets.Contains("default") ? "all"
                : sets.Count == TierProfile.AllTiers.Count ? "each (its limit)"
                : string.Join(", ", sets);
            page.Append(key.Replace("{0}", tiers, StringComparison.Ordinal)).Append('\n');
        }

        page.Append('\n');
    }

    // WithSeverity(Severity.Warning) sets a provider that ignores its arguments.
    private static bool IsWarning(IRuleComponent component)
    {
        if (component.GetType().GetProperty("SeverityProvider", BindingFlags.Public | BindingFlags.Instance)?.GetValue(component) is not Delegate provider)
        {
            return false;
        }

        var arguments = provider.Method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        return provider.DynamicInvoke(arguments) is Severity.Warning;
    }

    private void NoteCodes(DeclaredCheck check, string schemaName)
    {
        foreach (var code in check.Codes)
        {
            if (!_codeUsers.TryGetValue(code, out var users))
            {
                _codeUsers[code] = users = new SortedSet<string>(StringComparer.Ordinal);
            }

            users.Add(schemaName);
        }
    }

    // What a check asks, in words: FluentValidation's checks by their parameters, ours by their message.
    private static string Describe(DeclaredCheck check)
    {
        var validator = check.Component.Validator;
        return validator switch
        {
            INotNullValidator => "not null",
            INotEmptyValidator => "not empty",
            ILengthValidator { Min: > 0, Max: > 0 } length when length.Min == length.Max => $"length {length.Min}",
            ILengthValidator { Max: > 0 } length => $"length {length.Min}–{length.Max}",
            ILengthValidator length => $"length at least {length.Min}",
            IBetweenValidator between when validator.Name == "InclusiveBetweenValidator" => $"from {Value(between.From)} to {Value(between.To)}",
            IBetweenValidator between => $"between {Value(between.From)} and {Value(between.To)} (exclusive)",
            IComparisonValidator { MemberToCompare: null } comparison => $"{Operator(comparison.Comparison)} {Value(comparison.ValueToCompare)}",
            IComparisonValidator comparison => $"{Operator(comparison.Comparison)} `{comparison.MemberToCompare.Name}`",
            IRegularExpressionValidator regex => $"matches `{regex.Expression}`",
            _ when check.Codes is ["EnumValidator"] => "one of the listed values",
            _ when check.Codes.All(code => code.StartsWith("tenancy.", StringComparison.Ordinal)) =>
                string.Join(" / ", check.Codes.Select(code => (Messages.GetString(code, CultureInfo.InvariantCulture) ?? code).Replace("'{PropertyName}'", "the value", StringComparison.Ordinal))),
            _ => validator.Name,
        };
    }

    private static string Operator(Comparison comparison) => comparison switch
    {
        Comparison.Equal => "equal to",
        Comparison.NotEqual => "not equal to",
        Comparison.LessThan => "less than",
        Comparison.LessThanOrEqual => "at most",
        Comparison.GreaterThan => "greater than",
        _ => "at least",
    };

    private static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private string ErrorCodesPage()
    {
        var page = new StringBuilder(Header("Error codes"));
        page.Append("""
            Every failure carries a stable code: match on it, never on the message, which is localized and may be reworded.
            Codes of TenancySchemas are public constants of `TenancyErrorCodes`; the others are FluentValidation's own,
            with FluentValidation's translated messages. `{Name}` placeholders are filled per call; `{Count|one|other}`
            chooses the form for a number.


            """);
        var codes = typeof(TenancyErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Field: f, Code: (string)f.GetRawConstantValue()!))
            .ToList();
        foreach (var group in codes.GroupBy(c => c.Code.Split('.')[1]))
        {
            page.Append(CultureInfo.InvariantCulture, $"## {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(group.Key.Replace('_', ' '))}\n\n");
            foreach (var (field, code) in group)
            {
                page.Append(CultureInfo.InvariantCulture, $"### `{code}`\n\n");
                page.Append(CultureInfo.InvariantCulture, $"`TenancyErrorCodes.{field.Name}`. ");
                page.Append(Text(Regex.Replace(_docs.Summary(field), @"^`[^`]+`:\s*", string.Empty)));
                page.Append(_codeUsers.TryGetValue(code, out var users)
                    ? $" Reported by: {string.Join(", ", users.Select(u => $"[{u}]({u}.md)"))}.\n\n"
                    : "\n\n");
                page.Append("| Language | Message |\n|-|-|\n");
                foreach (var language in Languages)
                {
                    page.Append(CultureInfo.InvariantCulture, $"| {language} | {Cell(Messages.GetString(code, CultureInfo.GetCultureInfo(language)) ?? string.Empty)} |\n");
                }

                page.Append('\n');
            }
        }

        var builtIn = _codeUsers.Keys.Where(code => !code.StartsWith("tenancy.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        page.Append("## FluentValidation's codes\n\n");
        page.Append("Field checks that FluentValidation provides report FluentValidation's code and its message, translated by FluentValidation.\n\n");
        page.Append("| Code | English message | Reported by |\n|-|-|-|\n");
        foreach (var code in builtIn)
        {
            var message = ValidatorOptions.Global.LanguageManager.GetString(code, CultureInfo.GetCultureInfo("en"));
            page.Append(CultureInfo.InvariantCulture, $"| <a id=\"{Anchor(code)}\"></a>`{code}` | {Cell(message)} | {string.Join(", ", _codeUsers[code].Select(u => $"[{u}]({u}.md)"))} |\n");
        }

        return page.ToString().TrimEnd() + "\n";
    }

    private string TiersPage()
    {
        var page = new StringBuilder(Header("Tiers"));
        page.Append("""
            Four tiers, each a FluentValidation rule set named by its wire name. The limits below are the defaults; override
            any of them in the options (`options.Tiers.Trial = TierProfile.DefaultTrial with { MaxUsers = 10 }`) or in
            configuration, under the section given to `AddTenancySchemas` (`Tiers:Trial:MaxUsers`; a configured list
            replaces the default list: `Tiers:Trial:AlertChannels:0=email`).


            """);
        var tiers = TierProfile.AllTiers;
        page.Append("| Limit | Key | ").Append(string.Join(" | ", tiers.Select(t => t.ToWire()))).Append(" |\n|-|-|").Append(string.Concat(tiers.Select(_ => "-|"))).Append('\n');
        var profile = new TierProfile();
        foreach (var property in typeof(TierLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var values = tiers.Select(t => Cell(LimitValue(property.GetValue(profile[t]))));
            page.Append(CultureInfo.InvariantCulture, $"| {Cell(Sentence(_docs.Summary(property)))} | `Tiers:<Tier>:{property.Name}` | {string.Join(" | ", values)} |\n");
        }

        return page.ToString();
    }

    private static string LimitValue(object? value) => value switch
    {
        null => "no limit",
        bool b => b ? "yes" : "no",
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(i => i.ToString()).Order(StringComparer.Ordinal)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private string ConfigurationPage()
    {
        var page = new StringBuilder(Header("Configuration"));
        page.Append("""
            Options of `TenancySchemaOptions`, applied in this order (a later source wins): the defaults, the environment
            variables (read from the app's configuration when it has them, else from the process), the configuration
            section given to `AddTenancySchemas(section)`, then the configure action. Keys are relative to that section. A
            key that names no setting, or a value that cannot be converted, fails at start with an `OptionsValidationException`
            naming the key. Tier limits are listed in [Tiers](tiers.md).


            """);
        page.Append("| Key | Environment variable | Default | Description |\n|-|-|-|-|\n");
        var variables = TenancySettingNames.ByProperty;
        foreach (var (key, property, value) in Settings(typeof(TenancySchemaOptions), new TenancySchemaOptions(), string.Empty))
        {
            var variable = variables.TryGetValue(key, out var name) ? $"`{name}`" : string.Empty;
            page.Append(CultureInfo.InvariantCulture, $"| `{key}` | {variable} | {Cell(SettingValue(value))} | {Cell(Sentence(_docs.Summary(property)))} |\n");
        }

        return page.ToString();
    }

    // The settable options, depth first; the tier table has its own page.
    private static IEnumerable<(string Key, PropertyInfo Property, object? Default)> Settings(Type type, object instance, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(TierProfile))
            {
                continue;
            }

            var key = prefix + property.Name;
            var value = property.GetValue(instance);
            var settable = property.SetMethod is { IsPublic: true };
            var isObject = property.PropertyType.IsClass && property.PropertyType != typeof(string) &&
                !typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType.Namespace?.StartsWith("TenancySchemas", StringComparison.Ordinal) == true;
            if (isObject && value is not null)
            {
                foreach (var nested in Settings(property.PropertyType, value, key + ":"))
                {
                    yield return nested;
                }
            }
            else if (settable || value is IDictionary)
            {
                yield return (key, property, value);
            }
        }
    }

    private static string SettingValue(object? value) => value switch
    {
        null => "none",
        bool b => b ? "`true`" : "`false`",
        string s => s.Length == 0 ? "empty" : $"`{s}`",
        Enum e => $"`{e.ToString().ToLowerInvariant()}`",
        TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
        IDictionary { Count: 0 } => "empty",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => value.ToString() ?? string.Empty,
    };

    // Record types reachable from a schema, in member order, the schema first.
    private List<Type> RecordTypes(Type root)
    {
        var found = new List<Type>();
        void Visit(Type type)
        {
            var info = _contract.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.Count == 0 || found.Contains(type))
            {
                return;
            }

            found.Add(type);
            foreach (var property in info.Properties)
            {
                foreach (var inner in Inner(property.PropertyType))
                {
                    Visit(inner);
                }
            }
        }

        Visit(root);
        return found;
    }

    private IEnumerable<Type> Inner(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var info = _contract.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => [type],
            JsonTypeInfoKind.Enumerable => info.ElementType is { } element ? Inner(element) : [],
            JsonTypeInfoKind.Dictionary => info.ElementType is { } value ? Inner(value) : [],
            _ => [],
        };
    }

    // The export's node of each record type, found by walking it beside the contract.
    private void CollectNodes(Type type, JsonNode? node, Dictionary<Type, JsonObject> nodes)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        var info = _contract.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when info.Properties.Count > 0:
                if (!nodes.TryAdd(type, obj))
                {
                    return;
                }

                foreach (var property in info.Properties)
                {
                    CollectNodes(property.PropertyType, obj["properties"]?[property.Name], nodes);
                }

                break;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element:
                CollectNodes(element, obj["items"], nodes);
                break;
            case JsonTypeInfoKind.Dictionary when info.ElementType is { } value:
                CollectNodes(value, obj["additionalProperties"], nodes);
                break;
        }
    }

    private string TypeName(Type type, Type page)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return TypeName(underlying, page) + " or null";
        }

        if (type.IsEnum)
        {
            var names = (IEnumerable<string>)typeof(WireEnum<>).MakeGenericType(type).GetProperty("Names")!.GetValue(null)!;
            return "one of " + string.Join(", ", names.Select(n => $"`{n}`"));
        }

        var info = _contract.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object when info.Properties.Count > 0 => RecordLink(type, _recordPages.GetValueOrDefault(page)),
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element => "list of " + TypeName(element, page),
            JsonTypeInfoKind.Dictionary when info.ElementType is { } value => "map of string to " + TypeName(value, page),
            _ => type switch
            {
                _ when type == typeof(string) => "string",
                _ when type == typeof(bool) => "boolean",
                _ when type == typeof(int) || type == typeof(long) => "integer",
                _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "number",
                _ when type == typeof(DateTimeOffset) => "timestamp (ISO 8601, with offset)",
                _ when type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(object) => "any JSON",
                _ when type.Name == "Threshold" => "number or string",
                _ => type.Name,
            },
        };
    }

    private string RecordLink(Type record, string? fromPage)
    {
        var target = _recordPages.GetValueOrDefault(record);
        var anchor = record.Name.ToLowerInvariant();
        return target == fromPage || target is null ? $"[{record.Name}](#{anchor})" : $"[{record.Name}]({target}.md#{anchor})";
    }

    private string DefaultOf(JsonPropertyInfo property, PropertyInfo? member, object? instance)
    {
        if (property.IsRequired)
        {
            return "—";
        }

        if (member?.GetCustomAttribute<DefaultsToNowAttribute>() is not null)
        {
            return "now";
        }

        if (instance is null || property.Get is null)
        {
            return string.Empty;
        }

        var value = property.Get(instance);
        if (value is null)
        {
            return "null";
        }

        // A value made anew for each record (an id) is described, not shown.
        if (_contract.GetTypeInfo(property.DeclaringType).CreateObject?.Invoke() is { } other && !Equals(JsonSerializer.Serialize(property.Get(other), property.PropertyType, _contract), JsonSerializer.Serialize(value, property.PropertyType, _contract)))
        {
            return "generated";
        }

        if (_contract.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Object, Properties.Count: > 0 })
        {
            return "its defaults";
        }

        var json = JsonSerializer.Serialize(value, property.PropertyType, _contract);
        return json.Length > 40 ? "see description" : $"`{json}`";
    }

    private static string Constraints(JsonObject? node)
    {
        if (node is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        Describe(node, parts, string.Empty);
        if (node["items"] is JsonObject items)
        {
            Describe(items, parts, "each ");
        }

        if (node["additionalProperties"] is JsonObject values && node["properties"] is null)
        {
            Describe(values, parts, "each value ");
        }

        return Cell(string.Join("; ", parts));
    }

    private static void Describe(JsonObject node, List<string> parts, string prefix)
    {
        string? Number(string keyword) => node[keyword] is JsonValue v ? v.ToJsonString() : null;
        if (Number("minLength") is { } minLength && Number("maxLength") is { } maxLength)
        {
            parts.Add($"{prefix}length {minLength}–{maxLength}");
        }
        else if (Number("minLength") is { } min)
        {
            parts.Add($"{prefix}length ≥ {min}");
        }
        else if (Number("maxLength") is { } max)
        {
            parts.Add($"{prefix}length ≤ {max}");
        }

        foreach (var (keyword, words) in new[] { ("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("exclusiveMaximum", "<") })
        {
            if (Number(keyword) is { } value)
            {
                parts.Add($"{prefix}{words} {value}");
            }
        }

        if (Number("minItems") is { } minItems)
        {
            parts.Add($"{prefix}at least {minItems} item(s)");
        }

        if (Number("maxItems") is { } maxItems)
        {
            parts.Add($"{prefix}at most {maxItems} item(s)");
        }

        // A timestamp's format and pattern say what its type says.
        var format = node["format"] is JsonValue formatValue ? formatValue.GetValue<string>() : null;
        if (format == "date-time")
        {
            return;
        }

        if (format is not null)
        {
            parts.Add($"{prefix}format `{format}`");
        }

        if (node["pattern"] is JsonValue pattern)
        {
            parts.Add($"{prefix}pattern `{pattern.GetValue<string>()}`");
        }
    }

    private string WireName(Type type, string clrName) =>
        _contract.GetTypeInfo(type).Properties.FirstOrDefault(p => (p.AttributeProvider as MemberInfo)?.Name == clrName)?.Name ?? clrName;

    // "Gets or sets the schema version." → "The schema version."
    private static string Sentence(string summary)
    {
        var text = Regex.Replace(summary.Trim(), "^Gets (or sets )?(a value indicating )?", string.Empty);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string Anchor(string code) => code.Replace(".", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static string Text(string text) => WhiteSpace().Replace(text, " ").Trim();

    private static string Cell(string? text) => WhiteSpace().Replace(text ?? string.Empty, " ").Trim().Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>The assembly's XML documentation, summaries as Markdown.</summary>
    private sealed class XmlDocs(Dictionary<string, string> summaries)
    {
        public static XmlDocs Load(Assembly assembly)
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                if (member.Element("summary") is { } summary)
                {
                    summaries[(string)member.Attribute("name")!] = Markdown(summary);
                }
            }

            return new XmlDocs(summaries);
        }

        public string Summary(Type type) => summaries.GetValueOrDefault("T:" + type.FullName!.Replace('+', '.')) ?? string.Empty;

        public string Summary(MemberInfo member)
        {
            var prefix = member switch
            {
                PropertyInfo => "P:",
                FieldInfo => "F:",
                _ => "M:",
            };

            // Inherited members are documented on the type that declares them.
            var declaring = member.DeclaringType!;
            return summaries.GetValueOrDefault(prefix + declaring.FullName!.Replace('+', '.') + "." + member.Name) ?? string.Empty;
        }

        private static string Markdown(XElement element)
        {
            var text = new StringBuilder();
            foreach (var node in element.Nodes())
            {
                text.Append(node switch
                {
                    XText t => t.Value,
                    XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                    XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
                    XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref => $"`{ShortName(cref.Value)}`",
                    XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")?.Value}`",
                    XElement other => Markdown(other),
                    _ => string.Empty,
                });
            }

            return text.ToString();
        }

        private static string ShortName(string cref)
        {
            var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var parameters = name.IndexOf('(', StringComparison.Ordinal);
            if (parameters >= 0)
            {
                name = name[..parameters];
            }

            var parts = name.Split('.');
            return cref.StartsWith("T:", StringComparison.Ordinal) ? parts[^1].Split('`')[0] : string.Join('.', parts[^2..]).Split('`')[0];
        }
    }
}
