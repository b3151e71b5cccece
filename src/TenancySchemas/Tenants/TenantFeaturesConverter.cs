using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Json;
using TenancySchemas.Validation;

namespace TenancySchemas.Tenants;

/// <summary>
/// <c>features</c> on the wire: a list of feature names, or the original module's object of booleans
/// and numbers. The numbers of the object form are moved to <c>quotas</c> by the reader; the writer emits the list,
/// in enum order.
/// </summary>
internal sealed class TenantFeaturesConverter : JsonConverter<IReadOnlySet<TenantFeature>>, IParentInspectingConverter, IDescribedConverter
{
    /// <summary>The numeric limits of the object form, by wire name.</summary>
    public static readonly IReadOnlyList<string> QuotaMembers = ["max_users", "max_storage_gb", "max_api_calls_per_hour", "backup_retention"];

    /// <summary>The features the original module enabled when the object form omits them.</summary>
    public static readonly IReadOnlySet<TenantFeature> ObjectFormDefaults = new HashSet<TenantFeature>
    {
        TenantFeature.RealTimeMonitoring, TenantFeature.ApiRateLimiting, TenantFeature.DataEncryption, TenantFeature.AuditLogging,
    };

    public override IReadOnlySet<TenantFeature> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ReadList(ref reader);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a list of feature names or an object.");
        }

        var features = new HashSet<TenantFeature>();
        var quotas = new TenantQuotas();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        features.UnionWith(ObjectFormDefaults);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!seen.Add(name))
            {
                throw new JsonException($"The features member '{name}' is repeated.");
            }

            if (WireEnum<TenantFeature>.TryParse(name, out var feature) && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                if (reader.GetBoolean())
                {
                    features.Add(feature);
                }
                else
                {
                    features.Remove(feature);
                }
            }
            else if (QuotaMembers.Contains(name) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
            {
                quotas = name switch
                {
                    "max_users" => quotas with { MaxUsers = number },
                    "max_storage_gb" => quotas with { MaxStorageGb = number },
                    "max_api_calls_per_hour" => quotas with { MaxApiCallsPerHour = number },
                    _ => quotas with { BackupRetention = number },
                };
            }
            else
            {
                throw new JsonException($"Unexpected features member '{name}'.");
            }
        }

        return new ObjectFormFeatures(features, quotas);
    }

    /// <summary>The JSON Schema of both forms: a list of feature names, or an object of feature flags and quota numbers.</summary>
    System.Text.Json.Nodes.JsonObject IDescribedConverter.JsonSchema() => JsonSchema();

    public static System.Text.Json.Nodes.JsonObject JsonSchema(IEnumerable<string>? allowedInList = null)
    {
        var names = WireEnum<TenantFeature>.Names;
        var flags = new System.Text.Json.Nodes.JsonObject();
        foreach (var name in names)
        {
            flags[name] = new System.Text.Json.Nodes.JsonObject { ["type"] = "boolean" };
        }

        foreach (var quota in QuotaMembers.Order(StringComparer.Ordinal))
        {
            flags[quota] = new System.Text.Json.Nodes.JsonObject { ["type"] = "number" };
        }

        return new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = new System.Text.Json.Nodes.JsonArray("array", "object"),
            ["items"] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "string",
                ["enum"] = new System.Text.Json.Nodes.JsonArray([.. (allowedInList ?? names).Select(n => (System.Text.Json.Nodes.JsonNode)n)]),
            },
            ["properties"] = flags,
            ["additionalProperties"] = false,
        };
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<TenantFeature> value, JsonSerializerOptions options) => WriteList(writer, value);

    private static HashSet<TenantFeature> ReadList(ref Utf8JsonReader reader)
    {
        var features = new HashSet<TenantFeature>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            features.Add(ReadFeature(ref reader));
        }

        return features;
    }

    private static void WriteList(Utf8JsonWriter writer, IReadOnlySet<TenantFeature> value)
    {
        writer.WriteStartArray();
        foreach (var feature in Enum.GetValues<TenantFeature>())
        {
            if (value.Contains(feature))
            {
                writer.WriteStringValue(feature.ToWire());
            }
        }

        writer.WriteEndArray();
    }

    private static TenantFeature ReadFeature(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && WireEnum<TenantFeature>.TryParse(reader.GetString()!, out var feature)
            ? feature
            : throw new JsonException("Expected a feature name.");

    public void Inspect(JsonElement value, InspectionState state)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                state.Path.PushIndex(index++);
                if (item.ValueKind != JsonValueKind.String)
                {
                    state.InvalidKind("string");
                }
                else if (!WireEnum<TenantFeature>.TryParse(item.GetString()!, out _))
                {
                    state.Add(TenancyErrorCodes.JsonUnknownEnumValue, ("Value", MessageValue.Quote(item.GetString()!)), ("EnumType", nameof(TenantFeature)));
                }

                state.Path.Pop();
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            state.InvalidKind("features");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            state.Path.PushMember(member.Name);
            if (!seen.Add(member.Name))
            {
                state.Add(TenancyErrorCodes.JsonMalformed, ("Detail", new MessageText("detail.duplicate_member")));
            }
            else if (WireEnum<TenantFeature>.TryParse(member.Name, out _))
            {
                if (member.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    state.InvalidKind("boolean");
                }
            }
            else if (QuotaMembers.Contains(member.Name))
            {
                if (member.Value.ValueKind != JsonValueKind.Number || !member.Value.TryGetInt32(out _))
                {
                    state.InvalidKind("integer");
                }
            }
            else
            {
                state.AddToParent(TenancyErrorCodes.JsonUnknownMember, ("Member", MessageValue.Quote(member.Name)));
            }

            state.Path.Pop();
        }
    }

    public void InspectParent(JsonElement parent, InspectionState state)
    {
        if (!parent.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object ||
            !parent.TryGetProperty("quotas", out var quotas) || quotas.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var name in QuotaMembers)
        {
            if (features.TryGetProperty(name, out var fromFeatures) && fromFeatures.ValueKind == JsonValueKind.Number &&
                quotas.TryGetProperty(name, out var fromQuotas) && fromQuotas.ValueKind == JsonValueKind.Number &&
                !JsonElement.DeepEquals(fromFeatures, fromQuotas))
            {
                state.Path.PushMember("features");
                state.Path.PushMember(name);
                state.Add(TenancyErrorCodes.JsonFeatureConflict, ("Quota", name));
                state.Path.Pop();
                state.Path.Pop();
            }
        }
    }

    /// <summary>
    /// The quotas of a document whose <c>features</c> came in the object form: its numbers fill the quotas the document
    /// leaves unset. A number given in both forms with different values refuses the document (the inspector names it
    /// <c>tenancy.json.feature_conflict</c>).
    /// </summary>
    public static TenantQuotas MergeObjectFormQuotas(TenantQuotas fromFeatures, TenantQuotas quotas)
    {
        static int? Merge(int? fromFeatures, int? fromQuotas) =>
            fromFeatures is { } a && fromQuotas is { } b && a != b ? throw new JsonException("A quota is given in both features and quotas with different values.") : fromQuotas ?? fromFeatures;

        return quotas with
        {
            MaxUsers = Merge(fromFeatures.MaxUsers, quotas.MaxUsers),
            MaxStorageGb = Merge(fromFeatures.MaxStorageGb, quotas.MaxStorageGb),
            MaxApiCallsPerHour = Merge(fromFeatures.MaxApiCallsPerHour, quotas.MaxApiCallsPerHour),
            BackupRetention = Merge(fromFeatures.BackupRetention, quotas.BackupRetention),
        };
    }
}

/// <summary>The features of an object-form <c>features</c> member, with the quota numbers it also held.</summary>
internal sealed class ObjectFormFeatures(HashSet<TenantFeature> features, TenantQuotas quotas) : IReadOnlySet<TenantFeature>
{
    public TenantQuotas Quotas { get; } = quotas;

    public int Count => features.Count;

    public bool Contains(TenantFeature item) => features.Contains(item);

    public IEnumerator<TenantFeature> GetEnumerator() => features.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<TenantFeature> other) => features.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<TenantFeature> other) => features.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<TenantFeature> other) => features.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<TenantFeature> other) => features.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<TenantFeature> other) => features.Overlaps(other);

    public bool SetEquals(IEnumerable<TenantFeature> other) => features.SetEquals(other);
}
