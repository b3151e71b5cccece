using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.DependencyInjection;

/// <summary>AddTenancySchemas: options, their sources and precedence, validation at first use and at start.</summary>
public sealed class OptionsTests
{
    private static TenancySchemaOptions Resolve(Action<IServiceCollection> register, IDictionary<string, string?>? appConfiguration = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(appConfiguration ?? new Dictionary<string, string?>()).Build());
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TenancySchemaOptions>>().Value;
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create("Tenancy:" + v.Key, (string?)v.Value))).Build().GetSection("Tenancy");

    [Fact]
    public void The_defaults_match_the_spec()
    {
        var options = Resolve(s => s.AddTenancySchemas());

        options.SchemaVersion.Should().Be("v1");
        options.DefaultLocale.Should().Be("en");
        options.IsolationLevel.Should().Be(IsolationLevel.Moderate);
        options.DefaultTier.Should().BeNull();
        options.Json.MaxDocumentBytes.Should().Be(1024 * 1024);
        options.Json.MaxDepth.Should().Be(64);
        options.Tiers.Trial.MaxUsers.Should().Be(10);
        options.Tiers.Enterprise.BestUptimePercentage.Should().Be(99.99);
    }

    [Fact]
    public void The_supported_locales_are_the_four_message_languages_and_each_is_accepted_as_default()
    {
        TenancySchemaOptions.SupportedLocales.Should().Equal("en", "fr", "de", "es");
        foreach (var locale in TenancySchemaOptions.SupportedLocales)
        {
            Resolve(s => s.AddTenancySchemas(o => o.DefaultLocale = locale)).DefaultLocale.Should().Be(locale);
        }
    }

    [Fact]
    public void Environment_variables_are_read_through_the_apps_configuration_case_insensitively()
    {
        var options = Resolve(s => s.AddTenancySchemas(), new Dictionary<string, string?>
        {
            ["TENANCY_SCHEMA_VERSION"] = "V1",
            ["DEFAULT_LOCALE"] = "FR",
            ["TENANT_ISOLATION_LEVEL"] = "Strict",
        });

        options.SchemaVersion.Should().Be("v1");
        options.DefaultLocale.Should().Be("fr");
        options.IsolationLevel.Should().Be(IsolationLevel.Strict);
    }

    [Fact]
    public void The_action_wins_over_the_section_which_wins_over_environment_variables()
    {
        var environment = new Dictionary<string, string?> { ["DEFAULT_LOCALE"] = "fr", ["TENANT_ISOLATION_LEVEL"] = "basic" };
        var section = Section(("DefaultLocale", "de"), ("IsolationLevel", "strict"));

        Resolve(s => s.AddTenancySchemas(), environment).DefaultLocale.Should().Be("fr");
        Resolve(s => s.AddTenancySchemas(section), environment).DefaultLocale.Should().Be("de");
        var both = Resolve(s => s.AddTenancySchemas(section, o => o.DefaultLocale = "es"), environment);
        both.DefaultLocale.Should().Be("es");
        both.IsolationLevel.Should().Be(IsolationLevel.Strict, "the section still wins where the action is silent");
    }

    [Fact]
    public void Each_source_wins_over_the_ones_before_it_setting_by_setting()
    {
        var environment = new Dictionary<string, string?> { ["DEFAULT_LOCALE"] = "fr", ["TENANT_ISOLATION_LEVEL"] = "basic", ["TENANCY_SCHEMA_VERSION"] = "v1" };
        var section = Section(("IsolationLevel", "strict"), ("Tiers:Trial:MaxUsers", "5"), ("Tiers:Trial:MaxRecipients", "4"));

        var options = Resolve(s => s.AddTenancySchemas(section, o => o.Tiers.Trial = o.Tiers.Trial with { MaxRecipients = 2 }), environment);

        options.SchemaVersion.Should().Be("v1", "set only by the environment and the defaults");
        options.DefaultLocale.Should().Be("fr", "the environment wins over the default");
        options.IsolationLevel.Should().Be(IsolationLevel.Strict, "the section wins over the environment");
        options.Tiers.Trial.MaxUsers.Should().Be(5, "the section wins over the default");
        options.Tiers.Trial.MaxRecipients.Should().Be(2, "the action wins over the section");
        options.Tiers.Trial.MaxStorageGb.Should().Be(10, "what no source sets keeps its default");
    }

    [Fact]
    public void The_section_binds_tier_limits_tenant_tiers_and_json_limits()
    {
        var options = Resolve(s => s.AddTenancySchemas(Section(
            ("Tiers:Trial:MaxUsers", "5"),
            ("Tiers:Trial:AllowedFeatures:0", "audit_logging"),
            ("Tiers:Enterprise:BestUptimePercentage", "99.999"),
            ("Tiers:Standard:WebhooksAllowed", "true"),
            ("TenantTiers:acme_01", "enterprise"),
            ("DefaultTier", "trial"),
            ("Json:MaxDepth", "32"))));

        options.Tiers.Trial.MaxUsers.Should().Be(5);
        options.Tiers.Trial.MaxStorageGb.Should().Be(10, "other limits keep their defaults");
        options.Tiers.Trial.AllowedFeatures.Should().BeEquivalentTo(["audit_logging"], "a configured list replaces the default");
        options.Tiers.Enterprise.BestUptimePercentage.Should().Be(99.999);
        options.Tiers.Standard.WebhooksAllowed.Should().BeTrue();
        options.TenantTiers.Should().Contain("acme_01", TenantType.Enterprise);
        options.DefaultTier.Should().Be(TenantType.Trial);
        options.Json.MaxDepth.Should().Be(32);
    }

    [Theory]
    [InlineData("DEFAULT_LOCALE", "it", "en, fr, de, es")]
    [InlineData("TENANT_ISOLATION_LEVEL", "loose", "strict, moderate, basic")]
    [InlineData("TENANCY_SCHEMA_VERSION", "v9", "v1")]
    public void An_invalid_environment_value_fails_naming_the_setting_and_the_accepted_values(string variable, string value, string accepted)
    {
        var act = () => Resolve(s => s.AddTenancySchemas(), new Dictionary<string, string?> { [variable] = value });

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(variable).And.Contain($"'{value}'").And.Contain(accepted);
    }

    [Fact]
    public void Every_bad_setting_is_named_in_one_exception()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(o =>
        {
            o.Tiers.Trial = o.Tiers.Trial with { MaxUsers = -1, AlertChannels = new HashSet<string> { "carrier_pigeon" } };
            o.Json.MaxDocumentBytes = 0;
        }), new Dictionary<string, string?> { ["DEFAULT_LOCALE"] = "it" });

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures;
        failures.Should().Contain(f => f.Contains("DEFAULT_LOCALE"));
        failures.Should().Contain(f => f.Contains("Tiers:Trial:MaxUsers -1 must not be negative"));
        failures.Should().Contain(f => f.Contains("Tiers:Trial:AlertChannels 'carrier_pigeon' is not known"));
        failures.Should().Contain(f => f.Contains("Json:MaxDocumentBytes"));
    }

    [Theory]
    [InlineData("Tiers:Trial:MaxUsers", "abc", "System.Int32")]
    [InlineData("Tiers:Enterprise:BestUptimePercentage", "high", "System.Double")]
    [InlineData("Tiers:Standard:WebhooksAllowed", "sometimes", "System.Boolean")]
    [InlineData("IsolationLevel", "paranoid", "IsolationLevel")]
    [InlineData("TenantTiers:acme_01", "platinum", "TenantType")]
    [InlineData("Json:MaxDepth", "deep", "System.Int32")]
    public void A_value_of_the_wrong_type_is_an_options_error_naming_the_key_and_the_value(string key, string value, string type)
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section((key, value))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Contain($"'{value}'").And.Contain($"'Tenancy:{key}'").And.Contain(type);
    }

    [Fact]
    public void A_misspelt_key_is_an_options_error_naming_the_key_and_the_setting_it_meant()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section(("Tiers:Trial:MaxRecipnts", "5"))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Be("Tenancy:Tiers:Trial:MaxRecipnts is not a setting; did you mean MaxRecipients?");
    }

    [Theory]
    [InlineData("DefaultLocal", "Tenancy:DefaultLocal is not a setting; did you mean DefaultLocale?")]
    [InlineData("Tiers:Gold:MaxUsers", "Tenancy:Tiers:Gold is not a setting; TierProfile has Trial, Standard, Professional, Enterprise")]
    [InlineData("Json:MaxDocumentSize", "Tenancy:Json:MaxDocumentSize is not a setting; did you mean MaxDocumentBytes?")]
    [InlineData("Tiers:Item:MaxUsers", "Tenancy:Tiers:Item is not a setting")]
    [InlineData("SettingErrors:0", "Tenancy:SettingErrors is not a setting")]
    public void Unknown_keys_at_every_level_are_named(string key, string expected)
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section((key, "1"))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void A_key_naming_a_static_default_is_refused_and_changes_nothing()
    {
        // The binder would write through the static property into the tier table every container starts from.
        var act = () => Resolve(s => s.AddTenancySchemas(Section(("Tiers:DefaultTrial:MaxUsers", "1"), ("Tiers:DefaultTrial:AlertChannels:0", "sms"))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().OnlyContain(f => f.StartsWith("Tenancy:Tiers:DefaultTrial is not a setting"));
        TierProfile.DefaultTrial.MaxUsers.Should().Be(10);
        TierProfile.DefaultTrial.AlertChannels.Should().BeEquivalentTo(["email"]);
    }

    [Fact]
    public void Binding_changes_neither_the_default_tier_table_nor_another_containers_options()
    {
        var configured = Resolve(s => s.AddTenancySchemas(Section(("Tiers:Trial:MaxUsers", "5"), ("Tiers:Trial:AlertChannels:0", "sms"))));
        var fresh = Resolve(s => s.AddTenancySchemas());

        configured.Tiers.Trial.MaxUsers.Should().Be(5);
        configured.Tiers.Trial.AlertChannels.Should().BeEquivalentTo(["sms"]);
        TierProfile.DefaultTrial.MaxUsers.Should().Be(10);
        TierProfile.DefaultTrial.AlertChannels.Should().BeEquivalentTo(["email"]);
        fresh.Tiers.Trial.Should().Be(TierProfile.DefaultTrial);
    }

    [Fact]
    public void Every_unknown_key_is_named_and_the_list_is_bounded()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section([.. Enumerable.Range(0, 50).Select(i => ($"Unknown{i:D2}", "x"))])));

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().HaveCount(21);
        failures[0].Should().StartWith("Tenancy:Unknown00 is not a setting");
        failures[^1].Should().Be("30 more unknown settings were not named");
    }

    [Fact]
    public void A_configured_list_replaces_the_default_and_an_empty_value_empties_it()
    {
        var options = Resolve(s => s.AddTenancySchemas(Section(
            ("Tiers:Professional:AlertChannels:0", "email"),
            ("Tiers:Professional:AlertChannels:1", "sms"),
            ("Tiers:Enterprise:NotificationChannels", ""))));

        options.Tiers.Professional.AlertChannels.Should().BeEquivalentTo(["email", "sms"]);
        options.Tiers.Professional.NotificationChannels.Should().BeEquivalentTo(TierProfile.DefaultProfessional.NotificationChannels, "an unconfigured list keeps its default");
        options.Tiers.Enterprise.NotificationChannels.Should().BeEmpty();
    }

    [Fact]
    public void A_comma_separated_list_is_an_options_error_naming_the_key()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section(("Tiers:Trial:AlertChannels", "email,sms"))));

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("'email,sms'").And.Contain("'Tenancy:Tiers:Trial:AlertChannels'");
    }

    [Fact]
    public void Every_setting_of_the_options_binds_from_the_section()
    {
        var options = Resolve(s => s.AddTenancySchemas(Section(
            ("SchemaVersion", "V1"),
            ("DefaultLocale", "FR"),
            ("IsolationLevel", "STRICT"),
            ("EnableMetrics", "false"),
            ("Audit:Enabled", "false"),
            ("Audit:CheckpointInterval", "50"),
            ("Audit:CheckpointPeriod", "00:00:30"),
            ("Json:IgnoreUnknownNestedMembers", "true"),
            ("Json:MaxErrors", "10"),
            ("Tiers:Trial:MaxBatchSize", "25"),
            ("Tiers:Trial:MlAllowed", "true"))));

        options.SchemaVersion.Should().Be("v1");
        options.DefaultLocale.Should().Be("fr", "text values are case-insensitive, as the environment variables are");
        options.IsolationLevel.Should().Be(IsolationLevel.Strict);
        options.EnableMetrics.Should().BeFalse();
        (options.Audit.Enabled, options.Audit.CheckpointInterval, options.Audit.CheckpointPeriod).Should().Be((false, 50, TimeSpan.FromSeconds(30)));
        options.Json.IgnoreUnknownNestedMembers.Should().BeTrue();
        options.Json.MaxErrors.Should().Be(10);
        options.Tiers.Trial.MaxBatchSize.Should().Be(25);
        options.Tiers.Trial.MlAllowed.Should().BeTrue();
    }

    [Fact]
    public void An_empty_value_clears_an_optional_limit_set_before()
    {
        var options = Resolve(s => s
            .AddTenancySchemas(o => o.Tiers.Trial = o.Tiers.Trial with { MaxBatchSize = 50 })
            .AddTenancySchemas(Section(("Tiers:Trial:MaxBatchSize", ""))));

        options.Tiers.Trial.MaxBatchSize.Should().BeNull();
    }

    [Theory]
    [InlineData("IsolationLevel", "7", "IsolationLevel (TENANT_ISOLATION_LEVEL) '7' is not defined")]
    [InlineData("DefaultTier", "9", "DefaultTier '9' is not defined")]
    [InlineData("TenantTiers:acme_01", "9", "TenantTiers:acme_01 '9' is not defined")]
    public void A_number_the_binder_reads_as_an_undefined_enum_value_is_named(string key, string value, string expected)
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section((key, value))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("Tiers:Trial:BestUptimePercentage", "100.5", "Tiers:Trial:BestUptimePercentage 100.5 must be between 0 and 100")]
    [InlineData("Tiers:Trial:BestUptimePercentage", "NaN", "Tiers:Trial:BestUptimePercentage NaN must be between 0 and 100")]
    [InlineData("Tiers:Trial:MaxBatchSize", "0", "Tiers:Trial:MaxBatchSize 0 must be at least 1")]
    [InlineData("Tiers:Standard:MaxEscalationSteps", "-1", "Tiers:Standard:MaxEscalationSteps -1 must not be negative")]
    [InlineData("Tiers:Standard:NotificationChannels:0", "fax", "Tiers:Standard:NotificationChannels 'fax' is not known; accepted: email, sms")]
    [InlineData("Tiers:Trial:ValidationBurst", "5", "Tiers:Trial:ValidationBurst 5 must be at least ValidationRequestsPerSecond (10)")]
    [InlineData("Json:MaxErrors", "0", "Json:MaxErrors 0 must be at least 1")]
    public void A_limit_out_of_its_range_fails_naming_the_setting_and_the_value(string key, string value, string expected)
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section((key, value))));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void The_failures_are_joined_without_doubled_punctuation()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(o =>
        {
            o.SchemaVersion = "v2";
            o.DefaultLocale = "it";
            o.Tiers.Enterprise = o.Tiers.Enterprise with { BestUptimePercentage = 101 };
        }));

        var exception = act.Should().Throw<OptionsValidationException>().Which;
        exception.Failures.Should().HaveCount(3).And.OnlyContain(f => !f.EndsWith('.'));
        exception.Message.Should().NotContain(".;").And.Contain("; DefaultLocale (DEFAULT_LOCALE) 'it'");
    }

    [Fact]
    public void A_tier_limit_from_configuration_is_the_limit_validation_applies()
    {
        var section = Section(("Tiers:Trial:MaxRecipients", "5"));
        AlertSchema Addressed(int count) => Samples.Alert() with { Recipients = [.. Enumerable.Range(0, count).Select(i => $"person{i}@acme.example.com")] };
        var trial = new TenancyValidationContext { Tier = TenantType.Trial };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        using var provider = services.AddTenancySchemas(section).BuildServiceProvider();
        using var defaults = new TestHost();
        var validator = provider.GetRequiredService<IValidator<AlertSchema>>();

        validator.Validate(Addressed(5), trial).ShouldNotHaveFailure(TenancyErrorCodes.TierTooManyRecipients);
        validator.Validate(Addressed(6), trial).ShouldHaveFailure(TenancyErrorCodes.TierTooManyRecipients, "Recipients").ErrorMessage.Should().EndWith("at most 5 recipients; got 6");
        defaults.Validator<AlertSchema>().Validate(Addressed(5), trial).ShouldHaveFailure(TenancyErrorCodes.TierTooManyRecipients, "Recipients");
    }

    [Fact]
    public void A_negative_limit_from_configuration_fails()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section(("Tiers:Professional:MaxRecipients", "-5"))));

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Tiers:Professional:MaxRecipients -5 must not be negative");
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddTenancySchemas(o => o.DefaultLocale = "xx");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("DEFAULT_LOCALE");
    }

    [Fact]
    public async Task A_misspelt_key_stops_the_host_at_start_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Tenancy:Tiers:Trial:MaxRecipnts", (string?)"5")]);
        builder.Services.AddTenancySchemas(builder.Configuration.GetSection("Tenancy"));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Tenancy:Tiers:Trial:MaxRecipnts").And.Contain("MaxRecipients");
    }

    [Fact]
    public async Task Valid_options_let_the_host_start_and_environment_variables_flow_through_the_host_configuration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("DEFAULT_LOCALE", (string?)"de")]);
        builder.Services.AddTenancySchemas(builder.Configuration.GetSection("Tenancy"));
        using var host = builder.Build();

        await host.StartAsync();

        host.Services.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale.Should().Be("de");
        await host.StopAsync();
    }

    [Fact]
    public void Calling_AddTenancySchemas_twice_registers_everything_once()
    {
        var services = new ServiceCollection();
        services.AddTenancySchemas();
        services.AddTenancySchemas(o => o.DefaultLocale = "fr");

        services.Count(d => d.ServiceType == typeof(IValidator<TenantConfigSchema>)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConfigureOptions<TenancySchemaOptions>) && d.ImplementationType?.Name == "EnvironmentOptionsSetup").Should().Be(1);
        services.Where(d => d.ServiceType == typeof(IValidateOptions<TenancySchemaOptions>)).Should().OnlyHaveUniqueItems(d => d.ImplementationType);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale.Should().Be("fr");
    }

    [Fact]
    public void Every_validator_is_a_singleton_IValidator()
    {
        using var host = new TestHost();

        host.Services.GetRequiredService<IValidator<TenantConfigSchema>>().Should().BeSameAs(host.Services.GetRequiredService<IValidator<TenantConfigSchema>>());
        host.Services.GetRequiredService<IValidator<TenantConfigUpdateSchema>>().Should().NotBeNull();
        host.Services.GetRequiredService<TenancySchemas.Json.TenancyJson>().Should().NotBeNull();
    }

    [Fact]
    public void An_app_can_replace_the_tier_resolver_and_tenant_context_before_or_after()
    {
        var services = new ServiceCollection();
        var resolver = new FixedResolver();
        services.AddSingleton<ITenantTierResolver>(resolver);
        services.AddTenancySchemas();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ITenantTierResolver>().Should().BeSameAs(resolver);
    }

    private sealed class FixedResolver : ITenantTierResolver
    {
        public TenantType? ResolveTier(string tenantId) => TenantType.Standard;
    }
}

/// <summary>Tests that change the process environment run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class ProcessEnvironmentTests
{
    [Fact]
    public void Without_configuration_the_process_environment_is_read()
    {
        var previous = Environment.GetEnvironmentVariable("DEFAULT_LOCALE");
        Environment.SetEnvironmentVariable("DEFAULT_LOCALE", "es");
        try
        {
            var services = new ServiceCollection();
            services.AddTenancySchemas();
            using var provider = services.BuildServiceProvider();

            provider.GetRequiredService<IOptions<TenancySchemaOptions>>().Value.DefaultLocale.Should().Be("es");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEFAULT_LOCALE", previous);
        }
    }
}
