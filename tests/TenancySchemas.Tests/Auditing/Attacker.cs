using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TenancySchemas.Tests.Auditing;

/// <summary>
/// What someone who can edit an audit log but does not have its key can do, written independently of the library
/// from the documented canonical form: read and rewrite lines, and recompute every plain SHA-256 MAC. The same code
/// computes HMACs when given a key, to check the writer's MACs against the documented form.
/// </summary>
internal static class Attacker
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static JsonObject Parse(string line) => JsonNode.Parse(line)!.AsObject();

    public static bool IsRecord(JsonObject entry) => entry.ContainsKey("Mac");

    public static bool IsCheckpoint(JsonObject entry) => entry.ContainsKey("CheckpointMac");

    public static string Sha256(byte[] canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    public static Func<byte[], string> Hmac(byte[] key) => canonical => Convert.ToHexStringLower(HMACSHA256.HashData(key, canonical));

    /// <summary>The canonical form of a record: a label, then each field as a 4-byte big-endian length and UTF-8 (absent: 0xFFFFFFFF), lists as a count and items.</summary>
    public static byte[] RecordCanonical(JsonObject r)
    {
        var form = new Form("tenancy-audit-record/2");
        form.Text(Text(r, "PreviousMac"));
        form.Text(Text(r, "ChainId"));
        form.Text(r["Sequence"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        form.Text(Text(r, "KeyId"));
        form.Text(Text(r, "AuditEventId"));
        form.Text(Text(r, "AuditTimestamp"));
        form.Text(Text(r, "TenantId"));
        form.Text(Text(r, "ClaimedTenantId"));
        form.Text(Text(r, "Tier"));
        form.Text(Text(r, "Schema"));
        form.Text(Text(r, "SchemaVersion"));
        form.Text(Text(r, "Outcome"));
        form.List(r["ErrorCodes"]!.AsArray());
        form.List(r["ErrorPaths"]!.AsArray());
        form.List(r["RuleSets"]!.AsArray());
        form.Text(Text(r, "IsolationLevel"));
        form.Text(r["DurationMs"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture));
        form.Text(Text(r, "CorrelationId"));
        return form.ToArray();
    }

    public static byte[] CheckpointCanonical(JsonObject c)
    {
        var form = new Form("tenancy-audit-checkpoint/2");
        form.Text(Text(c, "ChainId"));
        form.Text(c["Sequence"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        form.Text(Text(c, "HeadMac"));
        form.Text(Text(c, "CheckpointTimestamp"));
        form.Text(Text(c, "KeyId"));
        form.Text(c["Final"]!.GetValue<bool>() ? "1" : "0");
        return form.ToArray();
    }

    /// <summary>
    /// Rewrites lines as a consistent log: every record's PreviousMac and Mac, every checkpoint's head and MAC, chain by
    /// chain in order, computed with <paramref name="mac"/> (plain SHA-256 for someone without the key), from the first
    /// entry <paramref name="from"/> selects in each chain (from the start by default): entries before it are kept.
    /// </summary>
    public static List<string> Recompute(IEnumerable<string> lines, Func<byte[], string>? mac = null, Func<JsonObject, bool>? from = null)
    {
        mac ??= Sha256;
        var heads = new Dictionary<string, (string Mac, long Sequence)>();
        var started = new HashSet<string>();
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (!line.StartsWith('{'))
            {
                result.Add(line);
                continue;
            }

            var entry = Parse(line);
            var chain = Text(entry, "ChainId");
            if (chain is null)
            {
                result.Add(line);
                continue;
            }

            var head = heads.GetValueOrDefault(chain, (Genesis, 0));
            if (from is not null && !started.Contains(chain) && !from(entry))
            {
                if (IsRecord(entry))
                {
                    heads[chain] = (Text(entry, "Mac")!, entry["Sequence"]!.GetValue<long>());
                }

                result.Add(line);
                continue;
            }

            started.Add(chain);
            if (IsRecord(entry))
            {
                entry["PreviousMac"] = head.Mac;
                entry["Mac"] = mac(RecordCanonical(entry));
                heads[chain] = (Text(entry, "Mac")!, entry["Sequence"]!.GetValue<long>());
            }
            else if (IsCheckpoint(entry))
            {
                entry["HeadMac"] = head.Mac;
                entry["Sequence"] = head.Sequence;
                entry["CheckpointMac"] = mac(CheckpointCanonical(entry));
            }

            result.Add(entry.ToJsonString());
        }

        return result;
    }

    /// <summary>Applies <paramref name="change"/> to the entries it selects, leaving other lines as they are.</summary>
    public static List<string> Edit(IEnumerable<string> lines, Func<JsonObject, bool> select, Action<JsonObject> change) =>
        [.. lines.Select(line =>
        {
            var entry = Parse(line);
            if (!select(entry))
            {
                return line;
            }

            change(entry);
            return entry.ToJsonString();
        })];

    public static string? Text(JsonObject entry, string name) => entry[name]?.GetValue<string>();

    private sealed class Form
    {
        private readonly List<byte> _bytes = [];

        public Form(string label) => Bytes(Encoding.UTF8.GetBytes(label));

        public void Text(string? value)
        {
            if (value is null)
            {
                Length(uint.MaxValue);
                return;
            }

            Bytes(Encoding.UTF8.GetBytes(value));
        }

        public void List(JsonArray items)
        {
            Length((uint)items.Count);
            foreach (var item in items)
            {
                Text(item!.GetValue<string>());
            }
        }

        public byte[] ToArray() => [.. _bytes];

        private void Bytes(byte[] value)
        {
            Length((uint)value.Length);
            _bytes.AddRange(value);
        }

        private void Length(uint value)
        {
            Span<byte> prefix = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(prefix, value);
            _bytes.AddRange(prefix);
        }
    }
}
