using System.Net.Mail;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Tenants;

namespace TenancySchemas.Benchmarks;

/// <summary>
/// What a user would write without TenancySchemas: plain FluentValidation validators with the same field rules as
/// the library's common rules (no tier rule sets, no cross-field rules, no isolation, audit or metrics).
/// </summary>
internal sealed partial class BareAlertValidator : AbstractValidator<AlertSchema>
{
    public BareAlertValidator()
    {
        RuleFor(x => x.AlertId).NotEmpty();
        RuleFor(x => x.TenantId).NotEmpty().Matches(TenantId());
        RuleFor(x => x.Name).NotEmpty().Length(3, 100);
        RuleFor(x => x.Title).NotEmpty().Length(5, 200);
        RuleFor(x => x.Description).NotEmpty().Length(10, 1000);
        RuleFor(x => x.Severity).IsInEnum();
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Conditions).NotEmpty();
        RuleForEach(x => x.Conditions).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.MetricName).NotEmpty();
            c.RuleFor(x => x.Operator).IsInEnum();
            c.RuleFor(x => x.DurationMinutes).InclusiveBetween(1, 1440);
            c.RuleFor(x => x.EvaluationWindow).InclusiveBetween(1, 60);
        });
        RuleForEach(x => x.NotificationChannels).IsInEnum();
        RuleForEach(x => x.Recipients).NotEmpty().Must(r => r.IndexOf('@', StringComparison.Ordinal) <= 0 || MailAddress.TryCreate(r, out _));
        RuleForEach(x => x.WebhookUrls).NotEmpty().Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        RuleFor(x => x.AutoResolveMinutes).InclusiveBetween(5, 1440);
        RuleFor(x => x.CooldownMinutes).InclusiveBetween(1, 60);
        RuleFor(x => x.MaxNotifications).InclusiveBetween(1, 100);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")]
    internal static partial Regex TenantId();
}

internal sealed partial class BareTenantConfigValidator : AbstractValidator<TenantConfigSchema>
{
    public BareTenantConfigValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().Matches(BareAlertValidator.TenantId());
        RuleFor(x => x.TenantName).NotEmpty().Length(2, 100);
        RuleFor(x => x.TenantType).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleForEach(x => x.Features).IsInEnum();
        RuleFor(x => x.Quotas).NotNull().ChildRules(q =>
        {
            q.RuleFor(x => x.MaxUsers).GreaterThanOrEqualTo(1);
            q.RuleFor(x => x.MaxStorageGb).GreaterThanOrEqualTo(1);
            q.RuleFor(x => x.MaxApiCallsPerHour).GreaterThanOrEqualTo(100);
            q.RuleFor(x => x.BackupRetention).InclusiveBetween(1, 365);
        });
        RuleFor(x => x.Sla).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.UptimePercentage).InclusiveBetween(95.0, 100.0);
            s.RuleFor(x => x.ResponseTimeMs).InclusiveBetween(50, 5000);
            s.RuleFor(x => x.RecoveryTimeHours).InclusiveBetween(1, 72);
            s.RuleFor(x => x.BackupFrequencyHours).InclusiveBetween(1, 168);
            s.RuleFor(x => x.SupportResponseMinutes).InclusiveBetween(5, 1440);
            s.RuleFor(x => x.DataRetentionDays).InclusiveBetween(30, 2555);
        });
        RuleFor(x => x.Security).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.EncryptionLevel).NotEmpty();
            s.RuleFor(x => x.SessionTimeoutMinutes).InclusiveBetween(5, 480);
            s.RuleFor(x => x.AuditRetentionDays).InclusiveBetween(90, 2555);
        });
        RuleFor(x => x.Monitoring).NotNull().ChildRules(m =>
        {
            m.RuleFor(x => x.LogLevel).IsInEnum();
            m.RuleFor(x => x.RetentionDays).InclusiveBetween(7, 365);
        });
        RuleFor(x => x.Billing).NotNull().ChildRules(b =>
        {
            b.RuleFor(x => x.BillingCycle).IsInEnum();
            b.RuleFor(x => x.Currency).NotEmpty().Matches(Currency());
            b.RuleFor(x => x.CreditLimit).GreaterThanOrEqualTo(0);
            b.RuleFor(x => x.InvoiceEmail).EmailAddress();
        });
        RuleForEach(x => x.ComplianceLevels).IsInEnum();
        RuleFor(x => x.IsolationLevel).IsInEnum();
        RuleFor(x => x.AdminEmail).NotEmpty().EmailAddress();
        RuleFor(x => x.Organization).MaximumLength(100);
        RuleFor(x => x.CountryCode).NotEmpty().Matches(Country());
        RuleFor(x => x.Timezone).NotEmpty().Must(tz => TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _));
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}

/// <summary>The floor: the same field checks as straight-line code, collecting (path, code) pairs only on failure.</summary>
internal static class HandWritten
{
    public static int Check(AlertSchema a, List<(string Path, string Code)> failures)
    {
        failures.Clear();
        void Fail(string path, string code) => failures.Add((path, code));
        if (string.IsNullOrEmpty(a.AlertId)) Fail("alert_id", "required");
        if (string.IsNullOrEmpty(a.TenantId) || !BareAlertValidator.TenantId().IsMatch(a.TenantId)) Fail("tenant_id", "format");
        if (a.Name is null || a.Name.Length is < 3 or > 100) Fail("name", "length");
        if (a.Title is null || a.Title.Length is < 5 or > 200) Fail("title", "length");
        if (a.Description is null || a.Description.Length is < 10 or > 1000) Fail("description", "length");
        if (!Enum.IsDefined(a.Severity)) Fail("severity", "enum");
        if (!Enum.IsDefined(a.Category)) Fail("category", "enum");
        if (!Enum.IsDefined(a.Status)) Fail("status", "enum");
        if (a.Conditions.Count == 0) Fail("conditions", "required");
        for (var i = 0; i < a.Conditions.Count; i++)
        {
            var c = a.Conditions[i];
            if (string.IsNullOrEmpty(c.MetricName)) Fail($"conditions[{i}].metric_name", "required");
            if (c.DurationMinutes is < 1 or > 1440) Fail($"conditions[{i}].duration_minutes", "range");
            if (c.EvaluationWindow is < 1 or > 60) Fail($"conditions[{i}].evaluation_window", "range");
        }

        for (var i = 0; i < a.Recipients.Count; i++)
        {
            var r = a.Recipients[i];
            if (string.IsNullOrEmpty(r) || (r.IndexOf('@', StringComparison.Ordinal) > 0 && !MailAddress.TryCreate(r, out _))) Fail($"recipients[{i}]", "email");
        }

        for (var i = 0; i < a.WebhookUrls.Count; i++)
        {
            if (!Uri.TryCreate(a.WebhookUrls[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) Fail($"webhook_urls[{i}]", "url");
        }

        if (a.AutoResolveMinutes is < 5 or > 1440) Fail("auto_resolve_minutes", "range");
        if (a.CooldownMinutes is < 1 or > 60) Fail("cooldown_minutes", "range");
        if (a.MaxNotifications is < 1 or > 100) Fail("max_notifications", "range");
        return failures.Count;
    }

    public static int Check(TenantConfigSchema t, List<(string Path, string Code)> failures)
    {
        failures.Clear();
        void Fail(string path, string code) => failures.Add((path, code));
        if (string.IsNullOrEmpty(t.TenantId) || !BareAlertValidator.TenantId().IsMatch(t.TenantId)) Fail("tenant_id", "format");
        if (t.TenantName is null || t.TenantName.Length is < 2 or > 100) Fail("tenant_name", "length");
        if (!Enum.IsDefined(t.TenantType)) Fail("tenant_type", "enum");
        if (!Enum.IsDefined(t.Status)) Fail("status", "enum");
        if (t.Quotas.MaxUsers is < 1) Fail("quotas.max_users", "range");
        if (t.Quotas.MaxStorageGb is < 1) Fail("quotas.max_storage_gb", "range");
        if (t.Quotas.MaxApiCallsPerHour is < 100) Fail("quotas.max_api_calls_per_hour", "range");
        if (t.Quotas.BackupRetention is < 1 or > 365) Fail("quotas.backup_retention", "range");
        if (t.Sla.UptimePercentage is < 95.0 or > 100.0) Fail("sla.uptime_percentage", "range");
        if (t.Sla.ResponseTimeMs is < 50 or > 5000) Fail("sla.response_time_ms", "range");
        if (t.Sla.RecoveryTimeHours is < 1 or > 72) Fail("sla.recovery_time_hours", "range");
        if (t.Sla.BackupFrequencyHours is < 1 or > 168) Fail("sla.backup_frequency_hours", "range");
        if (t.Sla.SupportResponseMinutes is < 5 or > 1440) Fail("sla.support_response_minutes", "range");
        if (t.Sla.DataRetentionDays is < 30 or > 2555) Fail("sla.data_retention_days", "range");
        if (string.IsNullOrEmpty(t.Security.EncryptionLevel)) Fail("security.encryption_level", "required");
        if (t.Security.SessionTimeoutMinutes is < 5 or > 480) Fail("security.session_timeout_minutes", "range");
        if (t.Security.AuditRetentionDays is < 90 or > 2555) Fail("security.audit_retention_days", "range");
        if (t.Monitoring.RetentionDays is < 7 or > 365) Fail("monitoring.retention_days", "range");
        if (t.Billing.Currency is not { Length: 3 } || !t.Billing.Currency.All(char.IsAsciiLetterUpper)) Fail("billing.currency", "format");
        if (t.Billing.CreditLimit is < 0) Fail("billing.credit_limit", "range");
        if (t.Billing.InvoiceEmail is { } invoice && !MailAddress.TryCreate(invoice, out _)) Fail("billing.invoice_email", "email");
        if (string.IsNullOrEmpty(t.AdminEmail) || !MailAddress.TryCreate(t.AdminEmail, out _)) Fail("admin_email", "email");
        if (t.Organization is { Length: > 100 }) Fail("organization", "length");
        if (t.CountryCode is not { Length: 2 } || !t.CountryCode.All(char.IsAsciiLetterUpper)) Fail("country_code", "format");
        if (string.IsNullOrEmpty(t.Timezone) || !TimeZoneInfo.TryFindSystemTimeZoneById(t.Timezone, out _)) Fail("timezone", "timezone");
        return failures.Count;
    }
}

/// <summary>
/// FluentValidation's own work for one of the library's validators: the same rules and the tier's rule set, called
/// past the library's override of <c>Validate</c> (culture, tier choice, isolation, rate limit, audit, metrics). The
/// library path's time and allocation beyond this are what TenancySchemas itself adds. Built by reflection: the
/// override and the tier selector are internal, and a benchmark must not need the library to open them.
/// </summary>
internal static class FluentValidationEngine
{
    /// <summary>The family validator behind <paramref name="provider"/>'s pipeline, run by FluentValidation with the tier's rule set.</summary>
    public static Func<T, bool> For<T>(IServiceProvider provider, Tiers.TenantType tier)
        where T : class
    {
        var rules = (IValidator<T>)provider.GetRequiredService(TenancySchemas.Schemas.SchemaRegistry.Find(typeof(T))!.ValidatorType);
        var selector = TenancySchemas.Validation.TierRuleSetSelector.For(tier);
        return document => rules.Validate(new ValidationContext<T>(document, new FluentValidation.Internal.PropertyChain(), selector)).IsValid;
    }
}
