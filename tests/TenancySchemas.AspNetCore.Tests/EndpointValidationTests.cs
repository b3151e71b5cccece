using System.Net;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.AspNetCore.Tests.Support;
using TenancySchemas.Isolation;

namespace TenancySchemas.AspNetCore.Tests;

/// <summary>
/// <c>.ValidateTenancy&lt;T&gt;()</c>: the body read with the wire format within the size limit, validated for the
/// caller, answered with bounded RFC 9457 problems in the caller's language, the document handed to the handler.
/// </summary>
public sealed class EndpointValidationTests
{
    private static readonly string TrialAlert = BundledDocuments.Text("alert.trial.valid.json");
    private static readonly string InvalidTrialAlert = BundledDocuments.Text("alert.trial.invalid.json");

    [Fact]
    public async Task A_valid_document_reaches_the_handler_as_a_validated_record()
    {
        await using var app = await TestApp.StartAsync(endpoints: a => a
            .MapPost("/alerts", (Validated<AlertSchema> alert) => Results.Created("/alerts/1", new { tenant = alert.Value.TenantId, alert.Value.Title, warnings = alert.Warnings.Count }))
            .ValidateTenancy<AlertSchema>());

        var answer = await app.PostAsync("/alerts", TrialAlert, tenant: "sprout_trial", tier: "trial");

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body?.ToJsonString());
        answer.Body!["tenant"]!.GetValue<string>().Should().Be("sprout_trial");
        answer.Body["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        app.Audit.Outcomes("valid").Should().ContainSingle().Which.Properties["TenantId"].ToString().Should().Contain("sprout_trial");
    }

    [Fact]
    public async Task An_invalid_document_is_a_400_problem_with_errors_keyed_by_json_path_each_with_code_message_and_severity()
    {
        await using var app = await TestApp.StartAsync();

        var answer = await app.PostAsync("/alert", InvalidTrialAlert, tenant: "sprout_trial", tier: "trial");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.MediaType.Should().Be("application/problem+json");
        answer.Body!["status"]!.GetValue<int>().Should().Be(400);
        answer.Body["title"]!.GetValue<string>().Should().Be("The document is not valid");
        answer.Errors.Should().Contain(("$.recipients", "tenancy.tier.too_many_recipients", "Trial tenants may address at most 3 recipients; got 4", "error"));
        answer.Errors.Should().OnlyContain(e => e.Path.StartsWith('$') && e.Code.StartsWith("tenancy.") && e.Message.Length > 0);
        app.Audit.Outcomes("invalid").Should().ContainSingle("the pipeline audited the document once");
    }

    [Theory]
    [InlineData("en", "The document is not valid", "Trial tenants may address at most 3 recipients")]
    [InlineData("fr", "Le document n'est pas valide", "Les locataires Essai peuvent s'adresser à au plus 3 destinataires")]
    [InlineData("fr-CA", "Le document n'est pas valide", "Les locataires Essai peuvent s'adresser à au plus 3 destinataires")]
    [InlineData("de", "Das Dokument ist ungültig", "Test-Mandanten dürfen höchstens 3 Empfänger adressieren")]
    [InlineData("es", "El documento no es válido", "Los inquilinos Prueba")]
    [InlineData("ja", "The document is not valid", "Trial tenants may address at most 3 recipients")]
    public async Task Titles_and_messages_follow_accept_language_else_the_default_locale(string language, string title, string message)
    {
        await using var app = await TestApp.StartAsync();

        var answer = await app.PostAsync("/alert", InvalidTrialAlert, tenant: "sprout_trial", tier: "trial", language: language);

        answer.Body!["title"]!.GetValue<string>().Should().Be(title);
        answer.Errors.Single(e => e.Code == "tenancy.tier.too_many_recipients").Message.Should().StartWith(message);
    }

    [Fact]
    public async Task An_app_whose_default_locale_is_german_answers_german_to_an_unsupported_language()
    {
        await using var app = await TestApp.StartAsync(tenancy: o => o.DefaultLocale = "de");

        var answer = await app.PostAsync("/alert", InvalidTrialAlert, tenant: "sprout_trial", tier: "trial", language: "ja");

        answer.Body!["title"]!.GetValue<string>().Should().Be("Das Dokument ist ungültig");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_read_error()
    {
        await using var app = await TestApp.StartAsync();

        var answer = await app.PostAsync("/alert", "{\"tenant_id\": ", tenant: "sprout_trial", tier: "trial");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Errors.Should().Contain(e => e.Code == "tenancy.json.malformed");
        app.Audit.Outcomes("invalid").Should().ContainSingle("a document that cannot be read is audited as invalid, once");
    }

    [Fact]
    public async Task A_document_of_another_tenant_than_the_caller_is_rejected()
    {
        await using var app = await TestApp.StartAsync();

        var answer = await app.PostAsync("/alert", TrialAlert, tenant: "northwind", tier: "professional");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Errors.Should().Contain(e => e.Code == "tenancy.isolation.tenant_mismatch" && e.Path == "$.tenant_id");
        CollectingSink.Property(app.Audit.Events.Single(), "TenantId").Should().Be("northwind", "the audit names the caller, not the tenant the document claims");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_and_is_not_read_to_its_end()
    {
        const int Limit = 64 * 1024;
        await using var app = await TestApp.StartAsync(tenancy: o => o.Json.MaxDocumentBytes = Limit);
        var body = new CountingStream(16 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alert") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(TestAuthentication.TenantHeader, "sprout_trial");

        var answer = await Answer.ReadAsync(await app.Client.SendAsync(request));

        answer.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        answer.MediaType.Should().Be("application/problem+json");
        answer.Errors.Should().ContainSingle().Which.Code.Should().Be("tenancy.json.document_too_large");
        body.BytesRead.Should().BeLessThan(4 * 1024 * 1024, "the server stops at the limit; the rest of 16 MiB is never pulled");
    }

    [Fact]
    public async Task Under_strict_isolation_a_request_without_a_tenant_is_401_or_403_before_the_pipeline_runs()
    {
        // Plaintext contacts are accepted (authentication registers Data Protection, and strict would require ciphertext).
        await using var app = await TestApp.StartAsync(tenancy: o => (o.IsolationLevel, o.Json.RequireEncryptedSensitiveValues) = (IsolationLevel.Strict, false));

        var anonymous = await app.PostAsync("/alert", TrialAlert);
        var tenantless = await app.PostAsync("/alert", TrialAlert, headers: (TestAuthentication.UserHeader, "ops-robot"));

        anonymous.Status.Should().Be(HttpStatusCode.Unauthorized);
        tenantless.Status.Should().Be(HttpStatusCode.Forbidden);
        foreach (var answer in new[] { anonymous, tenantless })
        {
            answer.MediaType.Should().Be("application/problem+json");
            answer.Code.Should().Be("tenancy.isolation.no_tenant_context");
            answer.Body!["title"]!.GetValue<string>().Should().Be("A tenant is required");
        }

        app.Audit.Events.Should().BeEmpty("nothing was read or validated");
        var caller = await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial");
        caller.Status.Should().Be(HttpStatusCode.Created, caller.Body?.ToJsonString());
    }

    [Fact]
    public async Task Under_moderate_isolation_a_request_without_a_tenant_is_validated_as_the_document_says()
    {
        await using var app = await TestApp.StartAsync(tenancy: o => o.TenantTiers["sprout_trial"] = Tiers.TenantType.Trial);

        (await app.PostAsync("/alert", TrialAlert)).Status.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_problem_stays_bounded_whatever_a_validator_reports()
    {
        // A validator of the app's reporting far more, and far longer, than the library's pipeline ever does.
        var longPath = "$." + string.Concat(Enumerable.Repeat("deeply.nested.", 100));
        var longMessage = new string('m', 2_000) + "😀" + new string('m', 2_000);
        var failures = Enumerable.Range(0, 500).Select(i => new ValidationFailure(longPath + i, longMessage) { ErrorCode = "app.code" }).ToList();
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IValidator<AlertSchema>>(new ReportingValidator(failures)));

        var answer = await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Errors.Should().HaveCount(101, "Json:MaxErrors (100) plus the one that would count the rest");
        answer.Errors.Should().OnlyContain(e => e.Path.Length <= 256 && e.Message.Length <= 512 && e.Message.EndsWith('…'));
        answer.Errors.Select(e => e.Path).Should().OnlyContain(p => p.EndsWith('…'));
        (await answer.Response.Content.ReadAsByteArrayAsync()).Length.Should().BeLessThan(100 * 1024);
    }

    [Fact]
    public async Task A_message_is_never_cut_between_the_halves_of_a_surrogate_pair()
    {
        var message = new string('m', 510) + "😀" + new string('m', 100);
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IValidator<AlertSchema>>(new ReportingValidator([new ValidationFailure("Title", message) { ErrorCode = "app.code" }])));

        var answer = await app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial", tier: "trial");

        answer.Errors.Single().Message.Should().Be(new string('m', 510) + "…");
    }

    [Fact]
    public async Task A_validated_parameter_without_the_filter_fails_with_the_fix()
    {
        await using var app = await TestApp.StartAsync(endpoints: a => a.MapPost("/forgot", (Validated<AlertSchema> alert) => alert.Value.TenantId));

        Func<Task> post = () => app.PostAsync("/forgot", TrialAlert, tenant: "sprout_trial");

        await post.Should().ThrowAsync<InvalidOperationException>().WithMessage("*.ValidateTenancy<AlertSchema>()*");
    }

    [Fact]
    public async Task The_filter_without_UseTenancySchemas_fails_with_the_fix()
    {
        await using var app = await TestApp.StartAsync(useTenancySchemas: false, endpoints: a => a.MapPost("/alert", (Validated<AlertSchema> alert) => alert.Value.TenantId).ValidateTenancy<AlertSchema>());

        Func<Task> post = () => app.PostAsync("/alert", TrialAlert, tenant: "sprout_trial");

        await post.Should().ThrowAsync<InvalidOperationException>().WithMessage("*app.UseTenancySchemas()*");
    }

    [Fact]
    public async Task An_mvc_action_gets_the_same_answers_through_ValidateTenancyAsync()
    {
        await using var app = await TestApp.StartAsync(
            services: s => s.AddControllers().AddApplicationPart(typeof(AlertsController).Assembly),
            endpoints: a => a.MapControllers());

        var valid = await app.PostAsync("/mvc/alerts", TrialAlert, tenant: "sprout_trial", tier: "trial");
        var invalid = await app.PostAsync("/mvc/alerts", InvalidTrialAlert, tenant: "sprout_trial", tier: "trial", language: "de");

        valid.Status.Should().Be(HttpStatusCode.Created);
        valid.Body!["tenant"]!.GetValue<string>().Should().Be("sprout_trial");
        invalid.Status.Should().Be(HttpStatusCode.BadRequest);
        invalid.MediaType.Should().Be("application/problem+json");
        invalid.Errors.Should().Contain(e => e.Path == "$.recipients" && e.Message.StartsWith("Test-Mandanten dürfen höchstens 3 Empfänger", StringComparison.Ordinal));
    }

    /// <summary>A stream of JSON whitespace of a given length that counts what was read of it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            Interlocked.Add(ref _read, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ReportingValidator(List<ValidationFailure> failures) : AbstractValidator<AlertSchema>
    {
        public override FluentValidation.Results.ValidationResult Validate(ValidationContext<AlertSchema> context) => new(failures);
    }
}

/// <summary>The MVC one-liner: validate first, answer the problem when there is one.</summary>
[ApiController]
[Route("mvc/alerts")]
public sealed class AlertsController : ControllerBase
{
    [HttpPost]
    public async Task<IResult> Post()
    {
        var alert = await HttpContext.ValidateTenancyAsync<AlertSchema>();
        return alert.IsValid ? Results.Created("/mvc/alerts/1", new { tenant = alert.Document.Value.TenantId }) : alert.Problem;
    }
}
