using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Common;
using TenancySchemas.Tiers;

namespace TenancySchemas.Json;

/// <summary>
/// Exports the JSON Schema (draft 2020-12) of a schema family: the shape from the model as <see cref="TenancyJson"/>
/// reads it (snake_case members, enum wire names, required members, no unknown members), enriched with what the
/// validators check field by field (lengths, ranges, patterns, formats) and, per tier, with the tier's limits
/// (most recipients, allowed channels, shortest collection interval, …).
/// </summary>
/// <remarks>
/// A JSON Schema describes single fields; cross-field rules (timestamp order, references between lists, duplicate ids)
/// stay with the validators, so a document valid against the schema may still fail validation, never the reverse for
/// the constraints the schema holds. Registered as a singleton by <c>AddTenancySchemas()</c>; thread-safe.
/// </remarks>
public sealed class TenancyJsonSchemaExporter
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    // What WireTimestamp reads: a date, a time to the minute or finer, and an offset (offsets are required).
    private const string TimestampPattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$";

    private readonly JsonSerializerOptions _serializer;
    private readonly IServiceProvider _services;
    private readonly bool _ignoreUnknownNested;
    private readonly TierProfile _tiers;
    private readonly ConcurrentDictionary<(Type, TenantType?), string> _cache = new();

    internal TenancyJsonSchemaExporter(TenancyJson json, IServiceProvider services, TierProfile tiers)
    {
        _serializer = json.ShapeOptions;
        _ignoreUnknownNested = json.IgnoresUnknownNestedMembers;
        _services = services;
        _tiers = tiers;
    }

    /// <summary>Gets the schema types that can be exported: every schema's document type (see <see cref="Schemas.SchemaRegistry"/>).</summary>
    public static IReadOnlyList<Type> SchemaTypes { get; } = [.. Schemas.SchemaRegistry.All.Select(schema => schema.DocumentType)];

    /// <summary>Exports the JSON Schema of a schema with its common rules (no tier).</summary>
    /// <typeparam name="T">The schema type, such as <c>AlertSchema</c>.</typeparam>
    /// <returns>A new JSON Schema object the caller may modify.</returns>
    public JsonObject GetSchema<T>()
        where T : class, Schemas.ITenancyDocument => GetSchema(typeof(T), null);

    /// <summary>Exports the JSON Schema of a schema for a tier.</summary>
    /// <typeparam name="T">The schema type, such as <c>AlertSchema</c>.</typeparam>
    /// <param name="tier">The tier whose limits the schema includes; <see langword="null"/> for the common rules only.</param>
    /// <returns>A new JSON Schema object the caller may modify.</returns>
    public JsonObject GetSchema<T>(TenantType? tier)
        where T : class, Schemas.ITenancyDocument => GetSchema(typeof(T), tier);

    /// <summary>Exports the JSON Schema of a schema.</summary>
    /// <param name="schemaType">One of <see cref="SchemaTypes"/>.</param>
    /// <param name="tier">The tier whose limits the schema includes; <see langword="null"/> for the common rules only.</param>
    /// <returns>A new JSON Schema object the caller may modify.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tier"/> is not a defined tier.</exception>
    /// <exception cref="ArgumentException"><paramref name="schemaType"/> is not one of <see cref="SchemaTypes"/>.</exception>
    public JsonObject GetSchema(Type schemaType, TenantType? tier)
    {
        ArgumentNullException.ThrowIfNull(schemaType);
        if (Schemas.SchemaRegistry.Find(schemaType) is null)
        {
            throw new ArgumentException($"'{schemaType.Name}' is not a TenancySchemas schema; see {nameof(SchemaTypes)}.", nameof(schemaType));
        }

        if (tier is { } t && !WireEnum<TenantType>.IsDefined(t))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a tier.");
        }

        var text = _cache.GetOrAdd((schemaType, tier), key => Build(key.Item1, key.Item2).ToJsonString());
        return JsonNode.Parse(text)!.AsObject();
    }

    private JsonObject Build(Type schemaType, TenantType? tier)
    {
        var constraints = new FieldConstraints(_services, tier, tier is { } exported ? _tiers[exported] : null);
        constraints.Collect(schemaType);
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, constraints, _ignoreUnknownNested),
        };

        var schema = _serializer.GetJsonSchemaAsNode(schemaType, options).AsObject();
        var root = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$id"] = $"urn:tenancy-schemas:{Schemas.SchemaRegistry.Find(schemaType)!.Name}{(tier is { } t ? ":" + t.ToWire() : string.Empty)}",
            ["title"] = schemaType.Name,
        };
        foreach (var (key, value) in schema.ToArray())
        {
            schema.Remove(key);
            root[key] = value;
        }

        // A document that names its own tier (a tenant configuration) is valid against this tier's schema only as that tier.
        if (tier is { } known && Schemas.SchemaRegistry.Find(schemaType)?.DocumentTierMember is { } tierMember &&
            _serializer.GetTypeInfo(schemaType).Properties.FirstOrDefault(p => Equals(p.AttributeProvider as MemberInfo, tierMember)) is { } wire &&
            root["properties"]?[wire.Name] is JsonObject tierNode)
        {
            tierNode["enum"] = new JsonArray(known.ToWire());
        }

        return root;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, FieldConstraints constraints, bool ignoreUnknownNested)
    {
        var type = context.TypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (context.PropertyInfo is { } p && !p.PropertyType.IsValueType && IsNullableAnnotated(p));
        var clr = underlying ?? type;

        // Types read through custom converters export as "anything": say what the converter accepts.
        if (node is JsonObject shape && shape.Count == 0 || node.GetValueKind() == JsonValueKind.True)
        {
            JsonObject? described = clr switch
            {
                _ when clr.IsEnum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. WireNames(clr).Select(n => (JsonNode)n)]) },
                _ when clr == typeof(DateTimeOffset) => new JsonObject { ["type"] = "string", ["format"] = "date-time", ["pattern"] = TimestampPattern },
                _ when clr == typeof(string) => new JsonObject { ["type"] = "string" },
                _ when clr == typeof(Threshold) => new JsonObject { ["type"] = new JsonArray("number", "string") },
                _ => null,
            };
            if (described is not null)
            {
                if (nullable)
                {
                    described["type"] = described["type"] is JsonArray types ? new JsonArray([.. types.Select(t => t?.DeepClone()), "null"]) : new JsonArray(described["type"]!.DeepClone(), "null");
                    if (described["enum"] is JsonArray values)
                    {
                        values.Add(null);
                    }
                }

                node = described;
            }
        }

        if ((context.PropertyInfo?.CustomConverter ?? context.TypeInfo.Converter) is IDescribedConverter withSchema)
        {
            node = withSchema.JsonSchema();
            if (nullable)
            {
                node["type"]!.AsArray().Add("null");
            }
        }

        // A list of enums read by a list converter exports as a bare array: its items are the enum's wire names.
        if (node is JsonObject array && context.TypeInfo.Kind == JsonTypeInfoKind.Enumerable && array["items"] is null &&
            context.TypeInfo.ElementType is { } element && (Nullable.GetUnderlyingType(element) ?? element) is { IsEnum: true } enumType)
        {
            array["items"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. WireNames(enumType).Select(n => (JsonNode)n)]) };
        }

        // Unknown members are read errors at the root always, nested unless the options ignore them.
        if (node is JsonObject record && context.TypeInfo.Kind == JsonTypeInfoKind.Object && record["properties"] is not null &&
            (context.Path.IsEmpty || !ignoreUnknownNested))
        {
            record["additionalProperties"] = false;
        }

        if (node is JsonObject obj && context.PropertyInfo is { AttributeProvider: MemberInfo member } property)
        {
            constraints.ApplyTo(property.DeclaringType, member.Name, obj);
        }

        return node;
    }

    private static bool IsNullableAnnotated(JsonPropertyInfo property) =>
        property.AttributeProvider is PropertyInfo info && new NullabilityInfoContext().Create(info).ReadState == NullabilityState.Nullable;

    private static IEnumerable<string> WireNames(Type enumType) =>
        (IEnumerable<string>)typeof(WireEnum<>).MakeGenericType(enumType).GetProperty(nameof(WireEnum<TenantType>.Names))!.GetValue(null)!;

    /// <summary>The field-level checks of the validators, by declaring type and member, read from their rules.</summary>
    private sealed class FieldConstraints(IServiceProvider services, TenantType? tier, TierLimits? limits)
    {
        private readonly Dictionary<(Type, string), List<(IPropertyValidator Check, bool Items)>> _byMember = [];
        private readonly Dictionary<(Type, string), List<TierSchemaHint>> _tierHints = [];
        private readonly HashSet<IValidationRule> _hintedRules = [];

        public void Collect(Type type)
        {
            // The family validator's rules: the pipeline in front of it (the IValidator<T> of the container) holds none.
            if (Schemas.SchemaRegistry.Find(type) is { } schema && services.GetService(schema.ValidatorType) is IEnumerable<IValidationRule> rules)
            {
                foreach (var check in Validation.RuleCatalog.Of(type, rules))
                {
                    Collect(check);
                }
            }
        }

        public void ApplyTo(Type declaringType, string member, JsonObject node)
        {
            if (_byMember.TryGetValue((declaringType, member), out var checks))
            {
                foreach (var (check, items) in checks)
                {
                    var target = items ? node["items"] as JsonObject ?? node["additionalProperties"] as JsonObject : node;
                    if (target is not null)
                    {
                        Describe(check, target);
                    }
                }
            }

            // The exported tier's rules, as their hints describe them, after the field rules: a tighter bound wins.
            if (limits is not null && _tierHints.TryGetValue((declaringType, member), out var hints))
            {
                foreach (var hint in hints)
                {
                    hint.Apply(node, limits);
                }
            }
        }

        private void Collect(Validation.DeclaredCheck check)
        {
            // Tier rule sets count only for the tier exported; other named sets never.
            if (!check.RuleSets.Contains(RulesetValidatorSelector.DefaultRuleSetName) && (tier is null || !check.RuleSets.Contains(tier.Value.ToWire())))
            {
                return;
            }

            if (check.Member is not { } member)
            {
                return;
            }

            // Keyed by the member's own type, so that RuleFor(x => x.Quotas.MaxUsers) lands on quotas.max_users.
            var key = (member.DeclaringType ?? check.DeclaredOn, member.Name);

            // A tier rule's hint says what it means for a schema, whatever its condition (a hint only loosens); once per rule.
            if (Validation.RuleChecks.TierSchemaOf(check.Rule) is { Count: > 0 } declared && _hintedRules.Add(check.Rule))
            {
                if (!_tierHints.TryGetValue(key, out var hints))
                {
                    _tierHints[key] = hints = [];
                }

                hints.AddRange(declared);
            }

            if (check.Conditional || check.Component.Validator is IChildValidatorAdaptor)
            {
                return;
            }

            if (!_byMember.TryGetValue(key, out var list))
            {
                _byMember[key] = list = [];
            }

            list.Add((check.Component.Validator, check.Items));
        }

        private static void Describe(IPropertyValidator check, JsonObject node)
        {
            var isString = HasType(node, "string");
            switch (check)
            {
                case INotEmptyValidator when isString:
                    Set(node, "minLength", 1);
                    break;
                case INotEmptyValidator when HasType(node, "array"):
                    Set(node, "minItems", 1);
                    break;
                case ILengthValidator length when isString:
                    if (length.Min > 0)
                    {
                        Set(node, "minLength", length.Min);
                    }

                    if (length.Max > 0)
                    {
                        Set(node, "maxLength", length.Max);
                    }

                    break;
                case IBetweenValidator between when IsNumber(between.From) && IsNumber(between.To):
                    var inclusive = check.Name == "InclusiveBetweenValidator";
                    Set(node, inclusive ? "minimum" : "exclusiveMinimum", Convert.ToDouble(between.From, System.Globalization.CultureInfo.InvariantCulture));
                    Set(node, inclusive ? "maximum" : "exclusiveMaximum", Convert.ToDouble(between.To, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case IComparisonValidator { MemberToCompare: null } comparison when IsNumber(comparison.ValueToCompare):
                    var value = Convert.ToDouble(comparison.ValueToCompare, System.Globalization.CultureInfo.InvariantCulture);
                    var keyword = comparison.Comparison switch
                    {
                        Comparison.GreaterThanOrEqual => "minimum",
                        Comparison.GreaterThan => "exclusiveMinimum",
                        Comparison.LessThanOrEqual => "maximum",
                        Comparison.LessThan => "exclusiveMaximum",
                        _ => null,
                    };
                    if (keyword is not null)
                    {
                        Set(node, keyword, value);
                    }

                    break;
                case IRegularExpressionValidator regex when isString:
                    // .NET patterns end in \z (the end of the text); JSON Schema's ECMA-262 dialect says $ for it.
                    node["pattern"] = regex.Expression.EndsWith("\\z", StringComparison.Ordinal) ? regex.Expression[..^2] + "$" : regex.Expression;
                    break;
                case IFormatValidator { Hint: { } hint } when isString:
                    if (hint.Format is not null)
                    {
                        node["format"] = hint.Format;
                    }

                    if (hint.Pattern is not null)
                    {
                        node["pattern"] = hint.Pattern;
                    }

                    break;
            }
        }

        private static void Set(JsonObject node, string keyword, double value) => node[keyword] = TierSchemaHint.Number(value);

        private static bool IsNumber(object? value) => value is int or long or double or float or decimal or short or byte;

        private static bool HasType(JsonObject node, string type) => node["type"] switch
        {
            JsonValue single => single.GetValue<string>() == type,
            JsonArray many => many.Any(t => t?.GetValue<string>() == type),
            _ => false,
        };
    }
}
