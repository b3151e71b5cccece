using FluentValidation;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Tiers;

/// <summary>
/// Where the tier of a document without its own tenant_type comes from (spec §3): the rule set the caller includes,
/// the per-call context, the current tenant context, the tier resolver, the default tier — or tenancy.tier.unknown.
/// </summary>
public sealed class TierResolutionTests
{
    // Two Slack channels: fine for standard and up, not for trial. The tier decides the verdict.
    private static AlertSchema SlackAlert() => Samples.Alert() with { NotificationChannels = [AlertChannel.Slack] };

    [Fact]
    public void Without_any_tier_the_result_holds_tier_unknown_and_no_tier_rule_runs()
    {
        using var host = new TestHost();

        var result = host.Validate(SlackAlert());

        var failure = result.ShouldHaveFailure(TenancyErrorCodes.TierUnknown);
        failure.ErrorMessage.Should().Be("No tier is known for tenant acme_01; tier rules cannot be applied");
        result.Errors.Should().ContainSingle("the tier rules did not run");
        result.IsValid.Should().BeFalse("a missing tier never silently relaxes the limits");
    }

    [Fact]
    public void An_explicit_rule_set_chooses_the_tier()
    {
        using var host = new TestHost();
        var validator = host.Validator<AlertSchema>();

        validator.Validate(SlackAlert(), o => o.IncludeRuleSets("trial")).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
        validator.Validate(SlackAlert(), o => o.IncludeRuleSets("standard")).ShouldBeCleanlyValid();
    }

    [Fact]
    public void The_per_call_context_names_the_tier()
    {
        using var host = new TestHost();

        host.Validator<AlertSchema>().Validate(SlackAlert(), new TenancyValidationContext { Tier = TenantType.Trial })
            .ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
    }

    [Fact]
    public void The_current_tenant_context_names_the_tier_when_its_tenant_is_the_documents()
    {
        using var host = new TestHost(o => o.IsolationLevel = IsolationLevel.Basic);

        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Trial);
        host.Validate(SlackAlert()).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);

        host.TenantContext.Current = new TenantContext("someone_else", TenantType.Enterprise);
        host.Validate(SlackAlert()).ShouldHaveFailure(TenancyErrorCodes.TierUnknown);
    }

    [Fact]
    public void The_tier_resolver_reads_the_tenant_map_of_the_options()
    {
        using var host = new TestHost(o => o.TenantTiers["acme_01"] = TenantType.Standard);

        host.Validate(SlackAlert()).ShouldBeCleanlyValid();
        host.Validate(SlackAlert() with { TenantId = "other_tenant" }).ShouldHaveFailure(TenancyErrorCodes.TierUnknown);
    }

    [Fact]
    public void The_default_tier_comes_last()
    {
        using var host = new TestHost(o =>
        {
            o.DefaultTier = TenantType.Trial;
            o.TenantTiers["acme_01"] = TenantType.Standard;
        });

        host.Validate(SlackAlert()).ShouldBeCleanlyValid();
        host.Validate(SlackAlert() with { TenantId = "unknown_1" }).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
    }

    [Fact]
    public void Sources_rank_in_the_documented_order()
    {
        using var host = new TestHost(o =>
        {
            o.DefaultTier = TenantType.Enterprise;
            o.TenantTiers["acme_01"] = TenantType.Standard;
        });
        var validator = host.Validator<AlertSchema>();
        host.TenantContext.Current = new TenantContext("acme_01", TenantType.Trial);

        validator.Validate(SlackAlert()).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
        validator.Validate(SlackAlert(), new TenancyValidationContext { Tier = TenantType.Standard }).ShouldBeCleanlyValid();
        validator.Validate(SlackAlert(), o => o.IncludeRuleSets("standard")).ShouldBeCleanlyValid();
        host.TenantContext.Current = null;
    }

    [Fact]
    public void A_custom_resolver_is_used()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ITenantTierResolver>(services, new PrefixResolver());
        services.AddTenancySchemas();
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var validator = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IValidator<AlertSchema>>(provider);

        validator.Validate(SlackAlert() with { TenantId = "trial_7" }).ShouldHaveFailure(TenancyErrorCodes.TierChannelNotAllowed);
        validator.Validate(SlackAlert() with { TenantId = "corp_7" }).ShouldBeCleanlyValid();
    }

    private sealed class PrefixResolver : ITenantTierResolver
    {
        public TenantType? ResolveTier(string tenantId) => tenantId.StartsWith("trial_", StringComparison.Ordinal) ? TenantType.Trial : TenantType.Enterprise;
    }
}
