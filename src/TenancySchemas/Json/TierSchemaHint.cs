using System.Text.Json.Nodes;
using TenancySchemas.Tiers;

namespace TenancySchemas.Json;

/// <summary>
/// What a tier rule means for a JSON Schema, declared with the rule (<c>.WithTierSchema(…)</c>) so that the export of a
/// tier's schema reads it from the validator, over the same tier table, instead of restating the rule: a bound, a most
/// items, the allowed values, or a member the tier does not allow at all. A hint may only loosen what the rule checks
/// (a schema may be looser than the validators, never stricter).
/// </summary>
internal abstract class TierSchemaHint
{
    /// <summary>At most the tier's limit (a tighter field bound stays); no bound when the tier has no limit.</summary>
    public static TierSchemaHint AtMost(Func<TierLimits, double?> limit) => new Bound("maximum", limit, tighter: (current, value) => value < current);

    /// <summary>At least the tier's limit (a tighter field bound stays).</summary>
    public static TierSchemaHint AtLeast(Func<TierLimits, double?> limit) => new Bound("minimum", limit, tighter: (current, value) => value > current);

    /// <summary>At most the tier's number of items.</summary>
    public static TierSchemaHint MaxItems(Func<TierLimits, int> limit) => new Items(limit);

    /// <summary>Items (or the value) only among the tier's allowed wire names.</summary>
    public static TierSchemaHint Allowed(Func<TierLimits, IReadOnlySet<string>> allowed) => new AllowedValues(allowed, except: null, when: null);

    /// <summary>The value is not <paramref name="wireValue"/> unless the tier allows it.</summary>
    public static TierSchemaHint NotUnless(string wireValue, Func<TierLimits, bool> allows) => new AllowedValues(null, wireValue, allows);

    /// <summary>The member only when the tier allows it: else an empty list, a false flag, or no value.</summary>
    public static TierSchemaHint OnlyIf(Func<TierLimits, bool> allows) => new Forbidden(allows);

    /// <summary>Applies the hint to the schema of the rule's member.</summary>
    public abstract void Apply(JsonObject member, TierLimits limits);

    private static JsonObject Target(JsonObject member) => member["items"] as JsonObject ?? member;

    private static double Number(JsonValue value) => value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>();

    /// <summary>A schema number as JSON Schema tools expect it: whole values without a fraction (<c>7</c>, not <c>7.0</c>).</summary>
    internal static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private sealed class Bound(string keyword, Func<TierLimits, double?> limit, Func<double, double, bool> tighter) : TierSchemaHint
    {
        public override void Apply(JsonObject member, TierLimits limits)
        {
            if (limit(limits) is { } value && (member[keyword] is not JsonValue current || tighter(Number(current), value)))
            {
                member[keyword] = Number(value);
            }
        }
    }

    private sealed class Items(Func<TierLimits, int> limit) : TierSchemaHint
    {
        public override void Apply(JsonObject member, TierLimits limits) => member["maxItems"] = limit(limits);
    }

    private sealed class AllowedValues(Func<TierLimits, IReadOnlySet<string>>? allowed, string? except, Func<TierLimits, bool>? when) : TierSchemaHint
    {
        public override void Apply(JsonObject member, TierLimits limits)
        {
            var target = Target(member);
            if (target["enum"] is not JsonArray values || (when is not null && when(limits)))
            {
                return;
            }

            target["enum"] = new JsonArray([.. values
                .Where(v => v is null || (allowed?.Invoke(limits).Contains(v.GetValue<string>()) ?? !string.Equals(v.GetValue<string>(), except, StringComparison.Ordinal)))
                .Select(v => v?.DeepClone())]);
        }
    }

    private sealed class Forbidden(Func<TierLimits, bool> allows) : TierSchemaHint
    {
        public override void Apply(JsonObject member, TierLimits limits)
        {
            if (allows(limits))
            {
                return;
            }

            if (HasType(member, "array"))
            {
                member["maxItems"] = 0;
            }
            else if (HasType(member, "boolean"))
            {
                member["const"] = false;
            }
            else
            {
                member.Clear();
                member["type"] = "null";
            }
        }

        private static bool HasType(JsonObject node, string type) => node["type"] switch
        {
            JsonValue value => value.GetValue<string>() == type,
            JsonArray types => types.Any(t => t?.GetValue<string>() == type),
            _ => false,
        };
    }
}
