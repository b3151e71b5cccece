using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Schemas;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Validation;

/// <summary>A reporting rule names the codes it reports: the reference lists them, and reporting another is a bug caught at once.</summary>
public sealed class DeclaredCodesTests
{
    private sealed record Item(string Name);

    private sealed class Declares : AbstractValidator<Item>
    {
        public Declares(string declared, string reported) =>
            RuleFor(x => x.Name).Reports(declared, (_, report) => report.Add("Name", reported, MessageArgs.None));
    }

    [Fact]
    public void A_declared_code_is_reported()
    {
        var result = new Declares(TenancyErrorCodes.InvalidUrl, TenancyErrorCodes.InvalidUrl).Validate(new Item("x"));

        result.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.InvalidUrl);
    }

    [Fact]
    public void An_undeclared_code_is_a_bug_in_the_rule()
    {
        var act = () => new Declares(TenancyErrorCodes.InvalidUrl, TenancyErrorCodes.InvalidEmail).Validate(new Item("x"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*'tenancy.common.invalid_email' without declaring it*");
    }

    [Fact]
    public void Every_check_of_every_schema_names_at_least_one_code()
    {
        using var services = new ServiceCollection().AddTenancySchemas().BuildServiceProvider();
        foreach (var schema in SchemaRegistry.All)
        {
            var rules = (IEnumerable<IValidationRule>)services.GetService(schema.ValidatorType)!;
            var checks = RuleCatalog.Of(schema.DocumentType, rules);
            checks.Should().NotBeEmpty(schema.Name);
            checks.Should().OnlyContain(check => check.Codes.Count > 0 && check.Codes.All(code => code.Length > 0), schema.Name);
        }
    }
}
