using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;
using Xunit.Abstractions;

namespace TenancySchemas.Tests.Validation;

/// <summary>
/// A document whose rules all pass is answered by a precheck, without FluentValidation's pass over it; any other is
/// validated by FluentValidation as before. Whatever the document, tier and language, the answer must be the one
/// FluentValidation gives when it runs every rule (the internal option <c>PrecheckDocuments</c> off).
/// </summary>
public sealed class DocumentPrecheckTests : IDisposable
{
    private const int CasesPerDocument = 60;

    private static readonly TenantType?[] Tiers = [null, TenantType.Trial, TenantType.Standard, TenantType.Professional, TenantType.Enterprise];
    private static readonly string[] Cultures = ["en", "fr", "de", "es"];

    // Values put in place of a document's strings and numbers: empty, short, long, formats right and wrong, another
    // tenant, a private address, timestamps far apart, enum wire names of several families.
    private static readonly JsonNode?[] Strings =
    [
        "", " ", "x", "ab", new string('a', 300), new string('b', 1_200), "ops@acme.example", "broken@", "two@@acme.example", "#ops",
        "+14155550123", "12", "https://hooks.acme.example/x", "http://hooks.acme.example/x", "https://10.0.0.1/x", "https://0x7f.1/x",
        "acme_01", "acme_02", "Acme", "Europe/Paris", "Mars/Olympus", "fr", "xx-XX", "22:00", "24:00", "10.0.0.0/8", "300.1.1.1",
        "2020-01-01T00:00:00Z", "2026-11-26T12:00:00Z", "2999-01-01T00:00:00+02:00", "critical", "high", "low", "email", "sms", "webhook",
        "slack", "active", "resolved", "gdpr", "hipaa", "pci_dss", "trial", "enterprise", "daily", "immediate", "scheduled",
    ];

    private static readonly JsonNode?[] Numbers = [-1, 0, 1, 3, 5, 7, 30, 59, 61, 99.5, 100, 101, 365, 1_000, 1_441, 100_000, 1e9];

    private readonly ITestOutputHelper _output;
    private readonly List<TestHost> _created = [];
    private readonly (IServiceProvider Prechecking, IServiceProvider EveryRule) _hosts;

    public DocumentPrecheckTests(ITestOutputHelper output)
    {
        _output = output;
        _hosts = CreateHosts();
    }

    [Fact]
    public void Changed_documents_of_every_schema_and_tier_validate_as_when_every_rule_runs()
    {
        int cases = 0, valid = 0, invalid = 0, unreadable = 0;
        foreach (var (file, schema, _) in BundledDocuments.All)
        {
            var original = BundledDocuments.Text(file);
            foreach (var tier in Tiers)
            {
                SameAnswer(schema, original, tier, "en", $"{file} as bundled, tier {tier}");
            }

            Changes(original).Sample(change =>
            {
                var answer = SameAnswer(schema, change.Json, change.Tier, change.Culture, $"{change.Description} of {file}, tier {change.Tier}, {change.Culture}");
                cases++;
                unreadable += answer.Value is null ? 1 : 0;
                valid += answer.Value is not null && answer.Errors.Count == 0 ? 1 : 0;
                invalid += answer.Value is not null && answer.Errors.Count > 0 ? 1 : 0;
            }, iter: CasesPerDocument, threads: 1);
        }

        _output.WriteLine($"{cases} changed documents: {valid} valid, {invalid} invalid, {unreadable} unreadable, each the same both ways");
        valid.Should().BeGreaterThan(cases / 10, "many changes keep a document valid, and the precheck answers those");
        invalid.Should().BeGreaterThan(cases / 4, "many changes break a rule, and FluentValidation answers those");
    }

    [Fact]
    public void Blank_strings_and_empty_lists_anywhere_validate_as_when_every_rule_runs()
    {
        // The precheck answers NotEmpty without asking for an enumerator; FluentValidation enumerates. Every string of
        // every bundled document made empty, blank or padded, every list emptied, one at a time.
        int cases = 0, invalid = 0;
        foreach (var (file, schema, _) in BundledDocuments.All)
        {
            var original = BundledDocuments.Text(file);
            foreach (var leaf in Leaves(JsonNode.Parse(original)!))
            {
                JsonNode?[] replacements = leaf switch
                {
                    JsonArray => [new JsonArray()],
                    JsonValue value when value.TryGetValue<string>(out var text) => ["", " ", "\t\u00a0", $" {text} "],
                    _ => [],
                };
                foreach (var replacement in replacements)
                {
                    var answer = SameAnswer(schema, JsonMutation.Apply(original, leaf.GetPath(), replacement), null, "en", $"{leaf.GetPath()} = {replacement?.ToJsonString()} in {file}");
                    cases++;
                    invalid += answer.Errors.Count > 0 ? 1 : 0;
                }
            }
        }

        _output.WriteLine($"{cases} documents with a blank string or an empty list, {invalid} invalid, each the same both ways");
        invalid.Should().BeGreaterThan(cases / 4, "blank required strings and empty required lists break NotEmpty rules");
    }

    [Fact]
    public async Task Every_bundled_document_validates_the_same_way_in_one_call_and_asynchronously()
    {
        foreach (var (file, schema, tier) in BundledDocuments.All)
        {
            var bytes = Encoding.UTF8.GetBytes(BundledDocuments.Text(file));
            var oneCall = BundledDocuments.ReadAndValidate(_hosts.Prechecking, schema, bytes, tier);
            var twoSteps = BundledDocuments.ReadAndValidate(_hosts.EveryRule, schema, bytes, tier, inTwoSteps: true);

            Describe(oneCall.Errors).Should().Equal(Describe(twoSteps.Errors), file);
        }

        var alert = Samples.Alert();
        var context = new TenancyValidationContext { Tier = TenantType.Trial };
        var prechecking = _hosts.Prechecking.GetRequiredService<IValidator<AlertSchema>>();
        var everyRule = _hosts.EveryRule.GetRequiredService<IValidator<AlertSchema>>();
        foreach (var document in new[] { alert, alert with { Name = "x", Recipients = ["broken@"] } })
        {
            var sync = prechecking.Validate(document, context);
            var async = await prechecking.ValidateAsync(document, context, CancellationToken.None);

            Describe(async.Errors).Should().Equal(Describe(sync.Errors));
            Describe(sync.Errors).Should().Equal(Describe(everyRule.Validate(document, context).Errors));
            sync.RuleSetsExecuted.Should().Equal(everyRule.Validate(document, context).RuleSetsExecuted);
        }
    }

    [Fact]
    public void Every_schema_has_a_document_precheck_for_every_tier()
    {
        // A rule the precheck cannot run makes every document of that schema take FluentValidation's pass: no error,
        // only a silent slowdown. This keeps each schema's fast path.
        foreach (var schema in TenancySchemas.Schemas.SchemaRegistry.All)
        {
            var rules = _hosts.Prechecking.GetRequiredService(schema.ValidatorType);
            foreach (var selector in TenantTypes().Select(TierRuleSetSelector.For).Append(TierRuleSetSelector.CommonOnly))
            {
                Build(rules, schema.DocumentType, selector).Should().NotBeNull($"{schema.Name} with {string.Join("+", selector.RuleSets)}");
            }
        }

        static IEnumerable<TenantType> TenantTypes() => TierProfile.AllTiers;
    }

    [Fact]
    public void A_valid_document_allocates_no_more_with_the_precheck_than_without()
    {
        // Allocation per call is deterministic (unlike time): FluentValidation's contexts and results are not built.
        var alert = Samples.Alert();
        var context = new TenancyValidationContext { Tier = TenantType.Enterprise };
        var prechecking = _hosts.Prechecking.GetRequiredService<IValidator<AlertSchema>>();
        var everyRule = _hosts.EveryRule.GetRequiredService<IValidator<AlertSchema>>();

        Allocated(() => prechecking.Validate(alert, context)).Should().BeLessThan(Allocated(() => everyRule.Validate(alert, context)));

        static long Allocated(Func<ValidationResult> validate)
        {
            for (var i = 0; i < 100; i++)
            {
                validate().IsValid.Should().BeTrue();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            validate();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private static object? Build(object rules, Type documentType, FluentValidation.Internal.IValidatorSelector selector) =>
        typeof(DocumentPrecheck).GetMethod(nameof(DocumentPrecheck.Build))!.MakeGenericMethod(documentType).Invoke(null, [rules, selector]);

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public void A_check_behind_a_condition_runs_in_the_precheck_when_the_condition_holds(bool hipaa, bool mfa, bool valid)
    {
        // RuleFor(x => x.Security.MfaRequired).Equal(true).When(x => … ComplianceLevels.Contains(Hipaa)): a precheck
        // that skipped conditional checks would call this tenant valid.
        var tenant = Samples.Tenant(TenantType.Enterprise) with
        {
            ComplianceLevels = hipaa ? [ComplianceLevel.Hipaa] : [],
            Security = Samples.Tenant(TenantType.Enterprise).Security with { MfaRequired = mfa },
        };
        var context = new TenancyValidationContext { Tier = TenantType.Enterprise };

        var result = _hosts.Prechecking.GetRequiredService<IValidator<TenantConfigSchema>>().Validate(tenant, context);

        result.Errors.Select(e => e.ErrorCode).Should().Equal(valid ? [] : [TenancyErrorCodes.HipaaRequiresMfa]);
        Describe(result.Errors).Should().Equal(Describe(_hosts.EveryRule.GetRequiredService<IValidator<TenantConfigSchema>>().Validate(tenant, context).Errors));
    }

    private (object? Value, IReadOnlyList<ValidationFailure> Errors) SameAnswer(string schema, string json, TenantType? tier, string culture, string description)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var prechecked = InCulture.Run(culture, () => BundledDocuments.ReadAndValidate(_hosts.Prechecking, schema, bytes, tier));
        var everyRule = InCulture.Run(culture, () => BundledDocuments.ReadAndValidate(_hosts.EveryRule, schema, bytes, tier));

        Describe(prechecked.Errors).Should().Equal(Describe(everyRule.Errors), description);
        return prechecked;
    }

    private static string[] Describe(IEnumerable<ValidationFailure> errors) =>
        [.. errors.Select(e => $"{e.PropertyName} | {e.ErrorCode} | {e.Severity} | {e.ErrorMessage} | {Convert.ToString(e.AttemptedValue, CultureInfo.InvariantCulture)}")];

    /// <summary>
    /// One to three values of a document changed, a tier and a language. A value is mostly replaced by one the same
    /// member has in some bundled document (so that the document stays readable, and often valid), else by one of the
    /// general values of its kind.
    /// </summary>
    private static Gen<(string Json, string Description, TenantType? Tier, string Culture)> Changes(string original)
    {
        var leaves = Leaves(JsonNode.Parse(original)!).ToArray();
        var change =
            from leaf in Gen.Int[0, leaves.Length - 1]
            from pick in Gen.Int[0, int.MaxValue]
            select (Path: leaves[leaf].GetPath(), leaves[leaf], Pick: pick);
        return
            from changes in change.Array[1, 3]
            from tier in Gen.Int[0, Tiers.Length - 1]
            from culture in Gen.Int[0, Cultures.Length - 1]
            select (Apply(original, changes), string.Join(", ", changes.Select(c => c.Path)), Tiers[tier], Cultures[culture]);
    }

    private static string Apply(string original, (string Path, JsonNode Node, int Pick)[] changes)
    {
        // The deepest first: a change to a list or an object may remove what a change below it would need.
        var json = original;
        foreach (var (path, node, pick) in changes.OrderByDescending(c => c.Path.Length))
        {
            var sameMember = ValuesByMember.TryGetValue(MemberOf(node), out var known) ? known : [];
            var replacement = node switch
            {
                JsonArray array when array.Count > 0 && pick % 3 == 0 => Repeated(array[0], 1 + (pick / 3 % 40)),
                JsonArray => new JsonArray(),
                JsonObject => null,
                JsonValue value when value.TryGetValue<bool>(out var flag) => JsonValue.Create(!flag),
                JsonValue when pick % 5 < 3 && sameMember.Length > 0 => sameMember[pick / 5 % sameMember.Length].DeepClone(),
                JsonValue value when value.TryGetValue<string>(out _) => Strings[pick % Strings.Length]?.DeepClone(),
                _ => Numbers[pick % Numbers.Length]?.DeepClone(),
            };
            json = JsonMutation.Apply(json, path, replacement);
        }

        return json;
    }

    // The values every bundled document gives each member (a list's items count as the list's member).
    private static readonly Dictionary<string, JsonNode[]> ValuesByMember = BundledDocuments.All
        .SelectMany(d => Leaves(JsonNode.Parse(BundledDocuments.Text(d.File))!))
        .OfType<JsonValue>()
        .GroupBy(MemberOf, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(v => (JsonNode)v.DeepClone()).DistinctBy(v => v.ToJsonString()).ToArray(), StringComparer.Ordinal);

    private static string MemberOf(JsonNode node) =>
        node.Parent is JsonArray list ? MemberOf(list) + "[]" : node.GetPropertyName() is var name && node.Parent is JsonObject ? name : string.Empty;

    private static JsonArray Repeated(JsonNode? item, int count) => [.. Enumerable.Range(0, count).Select(_ => item?.DeepClone())];

    // Every value, list and nested object below the root (a list's items included).
    private static IEnumerable<JsonNode> Leaves(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(kv => kv.Value).Where(v => v is not null).SelectMany(v => Leaves(v!).Prepend(v!)),
        JsonArray array => array.Where(v => v is not null).SelectMany(v => Leaves(v!).Prepend(v!)),
        _ => [],
    };

    private (IServiceProvider, IServiceProvider) CreateHosts()
    {
        return (Host(precheck: true), Host(precheck: false));

        IServiceProvider Host(bool precheck)
        {
            var host = new TestHost(o =>
            {
                o.IsolationLevel = IsolationLevel.Moderate;
                o.PrecheckDocuments = precheck;
            });
            _created.Add(host);
            return host.Services;
        }
    }

    public void Dispose()
    {
        foreach (var host in _created)
        {
            host.Dispose();
        }
    }
}
