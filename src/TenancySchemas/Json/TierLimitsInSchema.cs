using System.Text.Json.Nodes;
using TenancySchemas.Alerts;
using TenancySchemas.Compliance;
using TenancySchemas.Monitoring;
using TenancySchemas.Notifications;
using TenancySchemas.Performance;
using TenancySchemas.Tenants;
using TenancySchemas.Tiers;
using TenancySchemas.Warnings;

namespace TenancySchemas.Json;

/// <summary>
/// The tier rules that a JSON Schema can state (spec §3): item counts, allowed values, bounds. Tier rules are
/// predicates in the validators, so they are restated here from the same <see cref="TierLimits"/>; the schema tests
/// check both agree on documents at and past each limit.
/// </summary>
internal static class TierLimitsInSchema
{
    public static void Apply(Type schemaType, JsonObject root, TierLimits limits, TenantType tier)
    {
        switch (schemaType.Name)
        {
            case nameof(TenantConfigSchema):
                TenantConfig(root, limits, tier);
                break;
            case nameof(AlertSchema) or nameof(TenantAlertSchema):
                Alert(root, limits);
                break;
            case nameof(WarningSchema) or nameof(TenantWarningSchema):
                Warning(root, limits);
                break;
            case nameof(NotificationSchema):
                Notification(root, limits);
                break;
            case nameof(NotificationBatchSchema):
                if (limits.MaxBatchSize is { } batch)
                {
                    AtMost(Property(root, "batch_size"), batch);
                }

                if (Property(root, "notifications")?["items"] is JsonObject notification)
                {
                    Notification(notification, limits);
                }

                break;
            case nameof(MonitoringConfigSchema):
                Collection(root, limits);
                MaxItems(Property(root, "metrics"), limits.MaxMetrics);
                MaxItems(Property(root, "custom_metrics"), limits.MaxMetrics);
                NoWebhooks(Property(root, "webhook_endpoints"), limits);
                break;
            case nameof(PerformanceMetricsSchema):
                Collection(root, limits);
                break;
            case nameof(ComplianceSchema):
                Restrict(Property(root, "applicable_standards")?["items"], limits.AllowedCompliance);
                break;
        }
    }

    private static void TenantConfig(JsonObject root, TierLimits limits, TenantType tier)
    {
        // A tenant config names its own tier: the tier's schema accepts only that tier's documents.
        if (Property(root, "tenant_type") is { } type)
        {
            type["enum"] = new JsonArray(tier.ToWire());
        }

        var quotas = Property(root, "quotas");
        AtMost(Property(quotas, "max_users"), limits.MaxUsers);
        AtMost(Property(quotas, "max_storage_gb"), limits.MaxStorageGb);
        AtMost(Property(quotas, "max_api_calls_per_hour"), limits.MaxApiCallsPerHour);
        AtMost(Property(quotas, "backup_retention"), limits.MaxBackupRetentionDays);
        var sla = Property(root, "sla");
        AtMost(Property(sla, "uptime_percentage"), limits.BestUptimePercentage);
        AtLeast(Property(sla, "response_time_ms"), limits.BestResponseTimeMs);
        AtLeast(Property(sla, "support_response_minutes"), limits.BestSupportResponseMinutes);
        AtMost(Property(Property(root, "monitoring"), "retention_days"), limits.MaxRetentionDays);
        Restrict(Property(root, "compliance_levels")?["items"], limits.AllowedCompliance);
        Restrict(Property(root, "features")?["items"], limits.AllowedFeatures);
        NoWebhook(Property(root, "webhook_url"), limits);
    }

    private static void Alert(JsonObject root, TierLimits limits)
    {
        MaxItems(Property(root, "conditions"), limits.MaxAlertConditions);
        MaxItems(Property(root, "escalations"), limits.MaxEscalationSteps);
        MaxItems(Property(root, "recipients"), limits.MaxRecipients);
        Restrict(Property(root, "notification_channels")?["items"], limits.AlertChannels);
        NoWebhooks(Property(root, "webhook_urls"), limits);
    }

    private static void Warning(JsonObject root, TierLimits limits)
    {
        if (limits.MlAllowed)
        {
            return;
        }

        if (Property(root, "prediction") is { } prediction)
        {
            prediction.Clear();
            prediction["type"] = "null";
        }

        if (Property(root, "auto_mitigation_enabled") is { } auto)
        {
            auto["const"] = false;
        }

        if (Property(root, "source") is { } source && source["enum"] is JsonArray sources)
        {
            source["enum"] = new JsonArray([.. sources.Where(s => s?.GetValue<string>() != "ml_prediction").Select(s => s?.DeepClone())]);
        }
    }

    private static void Notification(JsonObject root, TierLimits limits)
    {
        MaxItems(Property(root, "recipients"), limits.MaxRecipients);
        Restrict(Property(root, "preferred_channels")?["items"], limits.NotificationChannels);
        NoWebhook(Property(root, "callback_url"), limits);
    }

    private static void Collection(JsonObject root, TierLimits limits)
    {
        AtLeast(Property(root, "collection_interval_seconds"), limits.MinCollectionIntervalSeconds);
        AtMost(Property(root, "retention_days"), limits.MaxRetentionDays);
    }

    private static JsonObject? Property(JsonObject? schema, string name) => schema?["properties"]?[name] as JsonObject;

    private static void MaxItems(JsonObject? array, int limit)
    {
        if (array is not null)
        {
            array["maxItems"] = limit;
        }
    }

    // A tighter bound wins over the field rule's (retention 1-365 and a trial's 7 → 7).
    private static void AtMost(JsonObject? number, double limit)
    {
        if (number is not null && (number["maximum"] is not JsonValue current || Number(current) > limit))
        {
            number["maximum"] = Number(limit);
        }
    }

    private static void AtLeast(JsonObject? number, double limit)
    {
        if (number is not null && (number["minimum"] is not JsonValue current || Number(current) < limit))
        {
            number["minimum"] = Number(limit);
        }
    }

    private static double Number(JsonValue value) => value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>();

    /// <summary>A schema number as JSON Schema tools expect it: whole values without a fraction (<c>7</c>, not <c>7.0</c>).</summary>
    internal static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static void Restrict(JsonNode? items, IReadOnlySet<string> allowed)
    {
        if (items is JsonObject schema && schema["enum"] is JsonArray values)
        {
            schema["enum"] = new JsonArray([.. values.Where(v => v is null || allowed.Contains(v.GetValue<string>())).Select(v => v?.DeepClone())]);
        }
    }

    private static void NoWebhooks(JsonObject? urls, TierLimits limits)
    {
        if (!limits.WebhooksAllowed && urls is not null)
        {
            urls["maxItems"] = 0;
        }
    }

    private static void NoWebhook(JsonObject? url, TierLimits limits)
    {
        if (!limits.WebhooksAllowed && url is not null)
        {
            url.Clear();
            url["type"] = "null";
        }
    }
}
