using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Robustness;

/// <summary>The kinds of random damage done to a valid document.</summary>
internal enum Damage
{
    FlipByte,
    Truncate,
    WrongType,
    HugeNumber,
    NonFiniteText,
    DeepNesting,
    HugeString,
    InvalidUtf8,
    DuplicateKey,
    ControlOrBidi,
    UnknownMember,
    NestedDuplicateKey,
}

/// <summary>
/// Random damage to a valid document: one kind of <see cref="Damage"/>, at a random place (a byte position, or a
/// value found by its path), of a random size.
/// </summary>
internal static class DamagedDocuments
{
    private const string Placeholder = "__spliced_in__";

    /// <summary>Generates damaged copies of <paramref name="original"/>, each with the kind of damage done to it.</summary>
    public static Gen<(Damage Damage, byte[] Bytes)> Of(string original)
    {
        var nodes = Nodes(JsonNode.Parse(original)!).ToArray();
        var objects = nodes.Where(n => n is JsonObject).ToArray();
        return
            from damage in Gen.Enum<Damage>()
            from node in Gen.Int[0, nodes.Length - 1]
            from obj in Gen.Int[0, objects.Length - 1]
            from position in Gen.Int[0, Encoding.UTF8.GetByteCount(original) - 1]
            from size in Gen.Int[1, 10_000]
            select (damage, Apply(damage, original, damage is Damage.UnknownMember or Damage.NestedDuplicateKey ? objects[obj] : nodes[node], position, size));
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(kv => kv.Value).Where(v => v is not null).SelectMany(v => Nodes(v!)).Prepend(node),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => Nodes(v!)).Prepend(node),
        _ => [node],
    };

    private static byte[] Apply(Damage damage, string original, JsonNode nodeInOriginal, int position, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(original);
        switch (damage)
        {
            case Damage.FlipByte:
                bytes[position] ^= (byte)(1 << (size % 8));
                return bytes;
            case Damage.Truncate:
                return bytes[..position];
            case Damage.InvalidUtf8:
                return [.. bytes[..position], 0xC3, 0x28, 0xFF, .. bytes[position..]];
            case Damage.DuplicateKey:
                return Encoding.UTF8.GetBytes("{\"tenant_id\": \"dup_tenant\", " + original[1..]);
        }

        // The rest replace one value, found by its path; what JsonNode cannot hold or write is spliced in as text.
        string? splice = null;
        JsonNode? replacement;
        switch (damage)
        {
            case Damage.WrongType:
                replacement = (size % 6) switch { 0 => 42, 1 => "text", 2 => true, 3 => null, 4 => new JsonArray(), _ => new JsonObject() };
                break;
            case Damage.HugeNumber:
                replacement = JsonNode.Parse((size % 4) switch { 0 => "1e308", 1 => "-1e308", 2 => "123456789012345678901234567890", _ => "1e400" });
                break;
            case Damage.NonFiniteText:
                replacement = (size % 3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" };
                break;
            case Damage.DeepNesting:
                replacement = Placeholder;
                splice = new string('[', size) + "1" + new string(']', size);
                break;
            case Damage.HugeString:
                replacement = new string('x', 10 * 1024 * 1024);
                break;
            case Damage.ControlOrBidi:
                replacement = (nodeInOriginal as JsonValue)?.TryGetValue<string>(out var text) == true
                    ? text.Insert(Math.Min(size % 7, text.Length), (size % 3) switch { 0 => "\u0000\u0007", 1 => "\u202E\u2066", _ => "\u001B[31m" })
                    : "\u202Eevil\u0000";
                break;
            case Damage.UnknownMember:
                // A member no schema has, in any object (the root, a nested record or a map, where it is a new key).
                var extended = nodeInOriginal.DeepClone().AsObject();
                extended[$"zz_unknown_{size}"] = size;
                replacement = extended;
                break;
            case Damage.NestedDuplicateKey:
                // An object's first member written twice (JsonNode cannot hold that, so it is spliced in).
                var obj = nodeInOriginal.AsObject();
                replacement = Placeholder;
                var body = obj.ToJsonString();
                splice = obj.Count == 0 ? body : "{" + JsonValue.Create(obj.First().Key).ToJsonString() + ":" + (obj.First().Value?.ToJsonString() ?? "null") + "," + body[1..];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage));
        }

        var path = nodeInOriginal.GetPath();
        var damaged = path == "$" ? replacement?.ToJsonString() ?? "null" : JsonMutation.Apply(original, path, replacement);
        if (splice is not null)
        {
            damaged = damaged.Replace($"\"{Placeholder}\"", splice, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(damaged);
    }
}
