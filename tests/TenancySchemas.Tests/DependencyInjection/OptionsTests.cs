using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;

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
        failures.Should().Contain(f => f.Contains("Tiers:Trial:AlertChannels 'carrier_pigeon'"));
        failures.Should().Contain(f => f.Contains("Json:MaxDocumentBytes"));
    }

    [Fact]
    public void A_malformed_number_in_configuration_is_a_validation_error_naming_the_key()
    {
        var act = () => Resolve(s => s.AddTenancySchemas(Section(("Tiers:Trial:MaxUsers", "ten"))));

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Tenancy:Tiers:Trial:MaxUsers 'ten' is not a whole number");
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
        services.Count(d => d.ServiceType == typeof(IValidateOptions<TenancySchemaOptions>)).Should().Be(1);
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
