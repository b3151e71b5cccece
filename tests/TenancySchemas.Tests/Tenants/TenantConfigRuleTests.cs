using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Tenants;

/// <summary>Every field and cross-field rule of spec §2.1, through the IValidator from DI: one failing and one passing case each.</summary>
public sealed class TenantConfigRuleTests : IDisposable
{
    private readonly TestHost _host = new();

    public static TheoryData<string, Func<TenantConfigSchema, TenantConfigSchema>, string, string> FailingCases() => new()
    {
        { "empty tenant id", t => t with { TenantId = "" }, "NotEmptyValidator", "TenantId" },
        { "tenant id starting with a dash", t => t with { TenantId = "-acme" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant id too short", t => t with { TenantId = "ab" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant id with a space", t => t with { TenantId = "acme corp" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant id of 65 characters", t => t with { TenantId = new string('a', 65) }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant name of one character", t => t with { TenantName = "A" }, "LengthValidator", "TenantName" },
        { "tenant name of 101 characters", t => t with { TenantName = new string('n', 101) }, "LengthValidator", "TenantName" },
        { "undefined tenant type", t => t with { TenantType = (TenancySchemas.Tiers.TenantType)42 }, "EnumValidator", "TenantType" },
        { "admin email without a domain", t => t with { AdminEmail = "admin" }, TenancyErrorCodes.InvalidEmail, "AdminEmail" },
        { "admin email with a display name", t => t with { AdminEmail = "Admin <admin@acme.com>" }, TenancyErrorCodes.InvalidEmail, "AdminEmail" },
        { "admin email without a TLD", t => t with { AdminEmail = "admin@localhost" }, TenancyErrorCodes.InvalidEmail, "AdminEmail" },
        { "admin email with a one-letter TLD", t => t with { AdminEmail = "admin@acme.c" }, TenancyErrorCodes.InvalidEmail, "AdminEmail" },
        { "empty admin email", t => t with { AdminEmail = "" }, "NotEmptyValidator", "AdminEmail" },
        { "phone without +", t => t with { ContactPhone = "12025550123" }, TenancyErrorCodes.InvalidPhone, "ContactPhone" },
        { "phone that is not a number", t => t with { ContactPhone = "+1555" }, TenancyErrorCodes.InvalidPhone, "ContactPhone" },
        { "phone with spaces", t => t with { ContactPhone = "+44 20 7946 0958" }, TenancyErrorCodes.InvalidPhone, "ContactPhone" },
        { "organization of 101 characters", t => t with { Organization = new string('o', 101) }, "MaximumLengthValidator", "Organization" },
        { "lower-case country code", t => t with { CountryCode = "us" }, "RegularExpressionValidator", "CountryCode" },
        { "three-letter country code", t => t with { CountryCode = "USA" }, "RegularExpressionValidator", "CountryCode" },
        { "unknown time zone", t => t with { Timezone = "Mars/Olympus_Mons" }, TenancyErrorCodes.InvalidTimeZone, "Timezone" },
        { "Windows time zone id", t => t with { Timezone = "Eastern Standard Time" }, TenancyErrorCodes.InvalidTimeZone, "Timezone" },
        { "ftp custom domain", t => t with { CustomDomain = "ftp://files.acme.com" }, TenancyErrorCodes.InvalidUrl, "CustomDomain" },
        { "relative custom domain", t => t with { CustomDomain = "acme.com" }, TenancyErrorCodes.InvalidUrl, "CustomDomain" },
        { "javascript webhook", t => t with { WebhookUrl = "javascript:alert(1)" }, TenancyErrorCodes.InvalidUrl, "WebhookUrl" },
        { "API endpoint that is not a URL", t => t with { ApiEndpoints = new Dictionary<string, string> { ["orders"] = "not a url" } }, TenancyErrorCodes.InvalidUrl, "ApiEndpoints[orders]" },
        { "zero users", t => t with { Quotas = new() { MaxUsers = 0 } }, "GreaterThanOrEqualValidator", "Quotas.MaxUsers" },
        { "zero storage", t => t with { Quotas = new() { MaxStorageGb = 0 } }, "GreaterThanOrEqualValidator", "Quotas.MaxStorageGb" },
        { "99 API calls per hour", t => t with { Quotas = new() { MaxApiCallsPerHour = 99 } }, "GreaterThanOrEqualValidator", "Quotas.MaxApiCallsPerHour" },
        { "zero backup retention", t => t with { Quotas = new() { BackupRetention = 0 } }, "InclusiveBetweenValidator", "Quotas.BackupRetention" },
        { "uptime 94.9", t => t with { Sla = new() { UptimePercentage = 94.9 } }, "InclusiveBetweenValidator", "Sla.UptimePercentage" },
        { "uptime above 100", t => t with { Sla = new() { UptimePercentage = 100.5 } }, "InclusiveBetweenValidator", "Sla.UptimePercentage" },
        { "response time 49 ms", t => t with { Sla = new() { ResponseTimeMs = 49 } }, "InclusiveBetweenValidator", "Sla.ResponseTimeMs" },
        { "response time 5001 ms", t => t with { Sla = new() { ResponseTimeMs = 5001 } }, "InclusiveBetweenValidator", "Sla.ResponseTimeMs" },
        { "recovery time 0 h", t => t with { Sla = new() { RecoveryTimeHours = 0 } }, "InclusiveBetweenValidator", "Sla.RecoveryTimeHours" },
        { "recovery time 73 h", t => t with { Sla = new() { RecoveryTimeHours = 73 } }, "InclusiveBetweenValidator", "Sla.RecoveryTimeHours" },
        { "backup every 169 h", t => t with { Sla = new() { BackupFrequencyHours = 169 } }, "InclusiveBetweenValidator", "Sla.BackupFrequencyHours" },
        { "support response 4 min", t => t with { Sla = new() { SupportResponseMinutes = 4 } }, "InclusiveBetweenValidator", "Sla.SupportResponseMinutes" },
        { "data retention 29 days", t => t with { Sla = new() { DataRetentionDays = 29 } }, "InclusiveBetweenValidator", "Sla.DataRetentionDays" },
        { "data retention 2556 days", t => t with { Sla = new() { DataRetentionDays = 2556 } }, "InclusiveBetweenValidator", "Sla.DataRetentionDays" },
        { "empty encryption level", t => t with { Security = new() { EncryptionLevel = "" } }, "NotEmptyValidator", "Security.EncryptionLevel" },
        { "session timeout 4 min", t => t with { Security = new() { SessionTimeoutMinutes = 4 } }, "InclusiveBetweenValidator", "Security.SessionTimeoutMinutes" },
        { "session timeout 481 min", t => t with { Security = new() { SessionTimeoutMinutes = 481 } }, "InclusiveBetweenValidator", "Security.SessionTimeoutMinutes" },
        { "CIDR prefix 33", t => t with { Security = new() { IpWhitelist = ["10.0.0.0/33"] } }, TenancyErrorCodes.InvalidIpOrCidr, "Security.IpWhitelist[0]" },
        { "short IPv4 form", t => t with { Security = new() { IpWhitelist = ["10.0.0.0/8", "127.1"] } }, TenancyErrorCodes.InvalidIpOrCidr, "Security.IpWhitelist[1]" },
        { "host name in whitelist", t => t with { Security = new() { IpWhitelist = ["intranet.acme.com"] } }, TenancyErrorCodes.InvalidIpOrCidr, "Security.IpWhitelist[0]" },
        { "audit retention 89 days", t => t with { Security = new() { AuditRetentionDays = 89 } }, "InclusiveBetweenValidator", "Security.AuditRetentionDays" },
        { "monitoring retention 6 days", t => t with { Monitoring = new() { RetentionDays = 6 } }, "InclusiveBetweenValidator", "Monitoring.RetentionDays" },
        { "undefined log level", t => t with { Monitoring = new() { LogLevel = (TenantLogLevel)9 } }, "EnumValidator", "Monitoring.LogLevel" },
        { "lower-case currency", t => t with { Billing = new() { Currency = "usd" } }, "RegularExpressionValidator", "Billing.Currency" },
        { "negative credit limit", t => t with { Billing = new() { CreditLimit = -0.01 } }, "GreaterThanOrEqualValidator", "Billing.CreditLimit" },
        { "invalid invoice email", t => t with { Billing = new() { InvoiceEmail = "billing@" } }, TenancyErrorCodes.InvalidEmail, "Billing.InvoiceEmail" },
        { "T1 expires at creation", t => t with { ExpiresAt = t.CreatedAt }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
        { "T1 expires before creation", t => t with { ExpiresAt = t.CreatedAt.AddDays(-1) }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
        { "T2 updated before creation", t => t with { UpdatedAt = t.CreatedAt.AddSeconds(-1) }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "T3 HIPAA without MFA", t => t with { ComplianceLevels = [ComplianceLevel.Hipaa] }, TenancyErrorCodes.HipaaRequiresMfa, "Security.MfaRequired" },
        { "T4 PCI with AES-128", t => t with { ComplianceLevels = [ComplianceLevel.PciDss], Security = new() { EncryptionLevel = "AES-128" } }, TenancyErrorCodes.PciRequiresStrongEncryption, "Security.EncryptionLevel" },
        { "T4 PCI with lower-case aes-256", t => t with { ComplianceLevels = [ComplianceLevel.PciDss], Security = new() { EncryptionLevel = "aes-256" } }, TenancyErrorCodes.PciRequiresStrongEncryption, "Security.EncryptionLevel" },
        { "T5 SOC 2 with 364 days of audit logs", t => t with { ComplianceLevels = [ComplianceLevel.Soc2], Security = new() { AuditRetentionDays = 364 } }, TenancyErrorCodes.Soc2AuditRetention, "Security.AuditRetentionDays" },
    };

    public static TheoryData<string, Func<TenantConfigSchema, TenantConfigSchema>, string, string> PassingCases() => new()
    {
        { "tenant id of 3 characters", t => t with { TenantId = "a1_" }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant id of 64 characters", t => t with { TenantId = "9" + new string('-', 63) }, TenancyErrorCodes.TenantIdFormat, "TenantId" },
        { "tenant name of 2 characters", t => t with { TenantName = "Ab" }, "LengthValidator", "TenantName" },
        { "tenant name of 100 characters", t => t with { TenantName = new string('n', 100) }, "LengthValidator", "TenantName" },
        { "admin email with plus and subdomain", t => t with { AdminEmail = "ops+alerts@mail.acme.co.uk" }, TenancyErrorCodes.InvalidEmail, "AdminEmail" },
        { "E.164 US number", t => t with { ContactPhone = "+12025550123" }, TenancyErrorCodes.InvalidPhone, "ContactPhone" },
        { "E.164 UK number", t => t with { ContactPhone = "+442079460958" }, TenancyErrorCodes.InvalidPhone, "ContactPhone" },
        { "organization of 100 characters", t => t with { Organization = new string('o', 100) }, "MaximumLengthValidator", "Organization" },
        { "country code DE", t => t with { CountryCode = "DE" }, "RegularExpressionValidator", "CountryCode" },
        { "IANA time zone", t => t with { Timezone = "Europe/Paris" }, TenancyErrorCodes.InvalidTimeZone, "Timezone" },
        { "UTC", t => t with { Timezone = "UTC" }, TenancyErrorCodes.InvalidTimeZone, "Timezone" },
        { "https custom domain", t => t with { CustomDomain = "https://acme.example.com" }, TenancyErrorCodes.InvalidUrl, "CustomDomain" },
        { "webhook without a TLD", t => t with { WebhookUrl = "http://hooks:8080/acme" }, TenancyErrorCodes.InvalidUrl, "WebhookUrl" },
        { "API endpoints that are URLs", t => t with { ApiEndpoints = new Dictionary<string, string> { ["orders"] = "https://api.acme.com/orders" } }, TenancyErrorCodes.InvalidUrl, "ApiEndpoints[orders]" },
        { "one user", t => t with { Quotas = new() { MaxUsers = 1 } }, "GreaterThanOrEqualValidator", "Quotas.MaxUsers" },
        { "one GB", t => t with { Quotas = new() { MaxStorageGb = 1 } }, "GreaterThanOrEqualValidator", "Quotas.MaxStorageGb" },
        { "100 API calls per hour", t => t with { Quotas = new() { MaxApiCallsPerHour = 100 } }, "GreaterThanOrEqualValidator", "Quotas.MaxApiCallsPerHour" },
        { "backup retention 365", t => t with { Quotas = new() { BackupRetention = 365 } }, "InclusiveBetweenValidator", "Quotas.BackupRetention" },
        { "uptime 95", t => t with { Sla = new() { UptimePercentage = 95 } }, "InclusiveBetweenValidator", "Sla.UptimePercentage" },
        { "response time 5000 ms", t => t with { Sla = new() { ResponseTimeMs = 5000 } }, "InclusiveBetweenValidator", "Sla.ResponseTimeMs" },
        { "recovery time 72 h", t => t with { Sla = new() { RecoveryTimeHours = 72 } }, "InclusiveBetweenValidator", "Sla.RecoveryTimeHours" },
        { "backup every 168 h", t => t with { Sla = new() { BackupFrequencyHours = 168 } }, "InclusiveBetweenValidator", "Sla.BackupFrequencyHours" },
        { "support response 1440 min", t => t with { Sla = new() { SupportResponseMinutes = 1440 } }, "InclusiveBetweenValidator", "Sla.SupportResponseMinutes" },
        { "data retention 30 days", t => t with { Sla = new() { DataRetentionDays = 30 } }, "InclusiveBetweenValidator", "Sla.DataRetentionDays" },
        { "ChaCha20 encryption", t => t with { Security = new() { EncryptionLevel = "ChaCha20-Poly1305" } }, "NotEmptyValidator", "Security.EncryptionLevel" },
        { "session timeout 480 min", t => t with { Security = new() { SessionTimeoutMinutes = 480 } }, "InclusiveBetweenValidator", "Security.SessionTimeoutMinutes" },
        { "IPv4, IPv6 and CIDR whitelist", t => t with { Security = new() { IpWhitelist = ["10.0.0.0/8", "192.168.1.10", "2001:db8::/32", "::1"] } }, TenancyErrorCodes.InvalidIpOrCidr, null! },
        { "audit retention 2555 days", t => t with { Security = new() { AuditRetentionDays = 2555 } }, "InclusiveBetweenValidator", "Security.AuditRetentionDays" },
        { "monitoring retention 7 days", t => t with { Monitoring = new() { RetentionDays = 7 } }, "InclusiveBetweenValidator", "Monitoring.RetentionDays" },
        { "currency EUR", t => t with { Billing = new() { Currency = "EUR" } }, "RegularExpressionValidator", "Billing.Currency" },
        { "credit limit 0", t => t with { Billing = new() { CreditLimit = 0 } }, "GreaterThanOrEqualValidator", "Billing.CreditLimit" },
        { "valid invoice email", t => t with { Billing = new() { InvoiceEmail = "billing@acme.com" } }, TenancyErrorCodes.InvalidEmail, "Billing.InvoiceEmail" },
        { "T1 expires a second after creation", t => t with { ExpiresAt = t.CreatedAt.AddSeconds(1) }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
        { "T1 same instant in another offset is not after", t => t with { ExpiresAt = t.CreatedAt.ToOffset(TimeSpan.FromHours(5)).AddTicks(1) }, TenancyErrorCodes.ExpiresBeforeCreated, "ExpiresAt" },
        { "T2 updated at creation", t => t with { UpdatedAt = t.CreatedAt }, TenancyErrorCodes.TimestampOrder, "UpdatedAt" },
        { "T3 HIPAA with MFA", t => t with { ComplianceLevels = [ComplianceLevel.Hipaa], Security = new() { MfaRequired = true } }, TenancyErrorCodes.HipaaRequiresMfa, null! },
        { "T3 MFA off without HIPAA", t => t with { ComplianceLevels = [ComplianceLevel.Gdpr] }, TenancyErrorCodes.HipaaRequiresMfa, null! },
        { "T4 PCI with AES-256", t => t with { ComplianceLevels = [ComplianceLevel.PciDss] }, TenancyErrorCodes.PciRequiresStrongEncryption, null! },
        { "T4 PCI with ChaCha20-Poly1305", t => t with { ComplianceLevels = [ComplianceLevel.PciDss], Security = new() { EncryptionLevel = "ChaCha20-Poly1305" } }, TenancyErrorCodes.PciRequiresStrongEncryption, null! },
        { "T5 SOC 2 with 365 days", t => t with { ComplianceLevels = [ComplianceLevel.Soc2], Security = new() { AuditRetentionDays = 365 } }, TenancyErrorCodes.Soc2AuditRetention, null! },
    };

    [Fact]
    public void The_sample_tenant_is_valid_in_every_tier()
    {
        foreach (var tier in TenancySchemas.Tiers.TierProfile.AllTiers)
        {
            _host.Validate(Samples.Tenant(tier)).ShouldBeCleanlyValid();
        }
    }

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void A_broken_rule_fails_with_its_code_and_path_in_English_and_French(string scenario, Func<TenantConfigSchema, TenantConfigSchema> change, string code, string property)
    {
        var document = change(Samples.Tenant());

        var english = _host.Validate(document, "en").ShouldHaveFailure(code, property);
        var french = _host.Validate(document, "fr").ShouldHaveFailure(code, property);

        english.Severity.Should().Be(FluentValidation.Severity.Error, scenario);
        english.ErrorMessage.Should().NotBeNullOrWhiteSpace();
        french.ErrorMessage.Should().NotBe(english.ErrorMessage, "{0} must be translated", scenario);
        english.ErrorMessage.Should().NotContain("{", "every placeholder is filled");
        french.ErrorMessage.Should().NotContain("{", "every placeholder is filled");
    }

    [Theory]
    [MemberData(nameof(PassingCases))]
    public void A_value_that_keeps_the_rule_passes(string scenario, Func<TenantConfigSchema, TenantConfigSchema> change, string code, string? property)
    {
        var result = _host.Validate(change(Samples.Tenant()));

        result.ShouldNotHaveFailure(code, property);
        result.IsValid.Should().BeTrue(scenario);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var document = Samples.Tenant() with { TenantId = "-x", AdminEmail = "nope", CountryCode = "us", Sla = new() { ResponseTimeMs = 1 } };

        var result = _host.Validate(document);

        result.Errors.Select(e => e.PropertyName).Should().Contain(["TenantId", "AdminEmail", "CountryCode", "Sla.ResponseTimeMs"]);
    }

    [Fact]
    public void The_SOC2_message_names_the_configured_days_and_the_timestamp_message_names_both_members()
    {
        var soc2 = _host.Validate(Samples.Tenant() with { ComplianceLevels = [ComplianceLevel.Soc2], Security = new() { AuditRetentionDays = 200 } })
            .ShouldHaveFailure(TenancyErrorCodes.Soc2AuditRetention);
        soc2.ErrorMessage.Should().Be("SOC 2 requires audit logs to be retained for at least 365 days (configured 200)");

        var order = _host.Validate(Samples.Tenant() with { UpdatedAt = TestHost.Now.AddYears(-1) }).ShouldHaveFailure(TenancyErrorCodes.TimestampOrder);
        order.ErrorMessage.Should().Be("updated_at must not be before created_at");
    }

    [Fact]
    public void A_null_nested_record_is_a_failure_not_a_crash()
    {
        var document = Samples.Tenant() with { Sla = null!, Security = null!, Quotas = null!, Monitoring = null!, Billing = null!, ApiEndpoints = null! };

        var result = _host.Validate(document);

        result.Errors.Where(e => e.ErrorCode == "NotNullValidator").Select(e => e.PropertyName)
            .Should().BeEquivalentTo(["Sla", "Security", "Quotas", "Monitoring", "Billing"]);
        document.ApiEndpoints.Should().BeEmpty("a null collection is stored as an empty one");
    }

    [Fact]
    public async Task Asynchronous_validation_reports_the_same_failures()
    {
        var document = Samples.Tenant() with { ComplianceLevels = [ComplianceLevel.Hipaa], TenantName = "A" };

        var result = await _host.Validator<TenantConfigSchema>().ValidateAsync(document);

        result.Errors.Select(e => e.ErrorCode).Should().BeEquivalentTo(_host.Validate(document).Errors.Select(e => e.ErrorCode));
    }

    [Fact]
    public void ValidateAndThrow_throws_a_validation_exception_with_the_failures()
    {
        var validator = _host.Validator<TenantConfigSchema>();

        var act = () => FluentValidation.DefaultValidatorExtensions.ValidateAndThrow(validator, Samples.Tenant() with { TenantId = "-" });

        act.Should().Throw<FluentValidation.ValidationException>().Which.Errors.Should().Contain(e => e.ErrorCode == TenancyErrorCodes.TenantIdFormat);
    }

    public void Dispose() => _host.Dispose();
}
