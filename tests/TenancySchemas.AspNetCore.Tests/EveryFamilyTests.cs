using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.AspNetCore.Tests.Support;
using TenancySchemas.Isolation;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tiers;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>
/// Every schema of the registry behind its own <c>.ValidateTenancy&lt;T&gt;()</c> endpoint, with the bundled sample
/// documents: 201 for a valid one, 400 in the caller's language with JSON paths, a document of another tenant
/// rejected, 429 with Retry-After past the budget.
/// </summary>
public sealed class EveryFamilyTests
{
    public static TheoryData<string> Schemas() => BundledDocuments.Schemas();

    public static TheoryData<string, string> SchemasAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var schema in SchemaRegistry.All)
        {
            foreach (var language in new[] { "en", "fr", "de" })
            {
                data.Add(schema.Name, language);
            }
        }

        return data;
    }

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(tenancy: o =>
    {
        // Documents without a tenant (a template, an update) still get a tier.
        o.DefaultTier = TenantType.Enterprise;
        foreach (var tier in TierProfile.AllTiers)
        {
            o.Tiers[tier] = o.Tiers[tier] with { ValidationBurst = 2, ValidationRequestsPerSecond = 1 };
        }
    });

    [Fact]
    public void Every_schema_of_the_registry_has_a_bundled_valid_document()
    {
        SchemaRegistry.All.Should().NotBeEmpty();
        foreach (var schema in SchemaRegistry.All)
        {
            BundledDocuments.Valid(schema.Name).Json.Should().NotBeNullOrWhiteSpace(schema.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task A_valid_document_of_every_family_is_created(string schema)
    {
        await using var app = await StartAsync();
        var (json, tier, tenant) = BundledDocuments.Valid(schema);

        var answer = await app.PostAsync($"/{schema}", json, tenant ?? "acme_01", tier);

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body?.ToJsonString());
        answer.Body!["schema"]!.GetValue<string>().Should().Be(schema);
        answer.Body["type"]!.GetValue<string>().Should().Be(SchemaRegistry.Find(schema)!.DocumentType.Name);
    }

    [Theory]
    [MemberData(nameof(SchemasAndLanguages))]
    public async Task An_invalid_document_of_every_family_is_a_400_with_json_paths_in_the_callers_language(string schema, string language)
    {
        await using var app = await StartAsync();
        var (json, tier, tenant) = BundledDocuments.Invalid(schema) ?? Unknown(BundledDocuments.Valid(schema));
        var caller = TenantContext.IsTenantId(tenant) ? tenant : "acme_01";

        var answer = await app.PostAsync($"/{schema}", json, caller, tier, language);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.MediaType.Should().Be("application/problem+json");
        answer.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Path.StartsWith('$'));
        var expected = Direct(app, schema, json, new TenantContext(caller, tier is null ? null : Enum.Parse<TenantType>(tier, ignoreCase: true)), language);
        answer.Errors.Select(e => (e.Path, e.Code, e.Message)).Should().BeEquivalentTo(expected, "the answer carries the pipeline's failures in the caller's language");
        if (language != "en")
        {
            var english = Direct(app, schema, json, new TenantContext(caller), "en");
            answer.Errors.Select(e => e.Message).Should().NotEqual(english.Select(e => e.Message), $"{schema} in {language} is not English");
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task A_document_of_another_tenant_is_rejected_in_every_family_that_names_a_tenant(string schema)
    {
        await using var app = await StartAsync();
        var (json, tier, tenant) = BundledDocuments.Valid(schema);
        if (tenant is null)
        {
            // A template or an update names no tenant: the caller's tenant is the only one involved.
            SchemaRegistry.Find(schema)!.Name.Should().BeOneOf("notification-template", "tenant-config-update");
            return;
        }

        var answer = await app.PostAsync($"/{schema}", json, "intruder_01", tier);

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Errors.Should().Contain(e => e.Code == "tenancy.isolation.tenant_mismatch" && e.Path == "$.tenant_id");
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Every_family_answers_429_with_retry_after_past_the_budget(string schema)
    {
        await using var app = await StartAsync();
        var (json, tier, tenant) = BundledDocuments.Valid(schema);

        var answers = new List<Answer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await app.PostAsync($"/{schema}", json, tenant ?? "acme_01", tier, "de"));
        }

        answers.Select(a => a.Status).Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests);
        answers[2].RetryAfter.Should().Be("1");
        answers[2].Body!["title"]!.GetValue<string>().Should().Be("Zu viele Anfragen");
        CollectingSink.Property(app.Audit.Outcomes("rejected").Single(), "Schema").Should().Be(schema.Replace('-', '_'));
    }

    // A valid document with a member its schema does not define: a read error, for families without an invalid sample.
    private static (string Json, string? Tier, string? Tenant) Unknown((string Json, string? Tier, string? Tenant) valid)
    {
        var node = JsonNode.Parse(valid.Json)!.AsObject();
        node["unexpected_member"] = 1;
        return (node.ToJsonString(), valid.Tier, valid.Tenant);
    }

    private static IReadOnlyList<(string Path, string Code, string Message)> Direct(TestApp app, string schema, string json, TenantContext caller, string language)
    {
        var accessor = app.Services.GetRequiredService<ITenantContextAccessor>();
        var (previous, previousFormat) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        accessor.Current = caller;

        // Request localization sets both: the language of messages and the formatting of the numbers in them.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return SchemaRegistry.Find(schema)!.Accept(new DirectValidation(app.Services, Encoding.UTF8.GetBytes(json)));
        }
        finally
        {
            accessor.Current = null;
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (previous, previousFormat);
        }
    }

    private sealed class DirectValidation(IServiceProvider services, byte[] json) : ISchemaVisitor<IReadOnlyList<(string Path, string Code, string Message)>>
    {
        public IReadOnlyList<(string Path, string Code, string Message)> Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var result = services.GetRequiredService<TenancyJson>().ReadAndValidate(json, services.GetRequiredService<IValidator<T>>());
            return [.. result.Errors.Select(e => (string.IsNullOrEmpty(e.PropertyName) ? "$" : e.PropertyName, e.ErrorCode, e.ErrorMessage))];
        }
    }
}
