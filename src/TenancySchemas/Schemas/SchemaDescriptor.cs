using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenancySchemas.Isolation;
using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Schemas;

/// <summary>
/// One schema the library reads, validates, audits and exports: its document type and its name. Every list of
/// schemas (dependency injection, the JSON Schema export, the command line, the samples, the tests) enumerates
/// <see cref="SchemaRegistry.All"/>.
/// </summary>
public abstract class SchemaDescriptor
{
    private protected SchemaDescriptor(string name, Type documentType)
    {
        Name = name;
        DocumentType = documentType;
        MetricName = name.Replace('-', '_');
    }

    /// <summary>Gets the schema's name (<c>tenant-config</c>, <c>alert</c>): on the command line, in file names and in <c>"$schema"</c> hints.</summary>
    public string Name { get; }

    /// <summary>Gets the document's record type, such as <see cref="Alerts.AlertSchema"/>.</summary>
    public Type DocumentType { get; }

    /// <summary>Gets the schema's name in audit records and metric labels (<c>tenant_config</c>).</summary>
    internal string MetricName { get; }

    /// <summary>Gets the type of the family validator that holds the schema's rules.</summary>
    internal abstract Type ValidatorType { get; }

    /// <summary>Calls the visitor with the schema's document type as a type argument.</summary>
    /// <typeparam name="TResult">The visitor's result.</typeparam>
    /// <param name="visitor">The visitor.</param>
    /// <returns>What the visitor returns.</returns>
    public abstract TResult Accept<TResult>(ISchemaVisitor<TResult> visitor);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Registers the family validator and the validation pipeline as <c>IValidator&lt;T&gt;</c>.</summary>
    internal abstract void Register(IServiceCollection services);

    /// <summary>Gets the tenant a document of this schema claims, if it names one.</summary>
    internal abstract string? ClaimedTenantOf(object document);

    /// <summary>Gets the member by which a document names its own tier, if any.</summary>
    internal abstract System.Reflection.MemberInfo? DocumentTierMember { get; }
}

/// <summary>Does something with a schema whose document type is known only at run time (see <see cref="SchemaDescriptor.Accept"/>).</summary>
/// <typeparam name="TResult">The result.</typeparam>
public interface ISchemaVisitor<out TResult>
{
    /// <summary>Visits a schema.</summary>
    /// <typeparam name="T">The schema's document type.</typeparam>
    /// <param name="schema">The schema.</param>
    /// <returns>The result.</returns>
    TResult Visit<T>(SchemaDescriptor<T> schema)
        where T : class, ITenancyDocument;
}

/// <summary>One schema of document type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed class SchemaDescriptor<T> : SchemaDescriptor
    where T : class, ITenancyDocument
{
    private readonly Type _validatorType;

    internal SchemaDescriptor(string name, Type validatorType)
        : base(name, typeof(T))
    {
        _validatorType = validatorType;
    }

    internal override Type ValidatorType => _validatorType;

    /// <summary>Gets the tenant a document claims (its <c>tenant_id</c>); documents without one return <see langword="null"/>.</summary>
    internal Func<T, string?> TenantIdOf { get; init; } = static _ => null;

    /// <summary>
    /// Gets the member by which a document names its own tier (a tenant configuration's <c>tenant_type</c>), which selects
    /// its tier rule set (and, in a tier's JSON Schema, admits only that tier); <see langword="null"/> for the others.
    /// </summary>
    internal System.Linq.Expressions.Expression<Func<T, TenantType?>>? DocumentTier
    {
        get;
        init
        {
            field = value;
            DocumentTierOf = value is null ? static _ => null : value.Compile();
            DocumentTierMemberValue = (value?.Body as System.Linq.Expressions.MemberExpression ??
                (value?.Body as System.Linq.Expressions.UnaryExpression)?.Operand as System.Linq.Expressions.MemberExpression)?.Member;
        }
    }

    /// <summary>Gets the tier a document names itself, if its schema has such a member.</summary>
    internal Func<T, TenantType?> DocumentTierOf { get; private set; } = static _ => null;

    internal override System.Reflection.MemberInfo? DocumentTierMember => DocumentTierMemberValue;

    private System.Reflection.MemberInfo? DocumentTierMemberValue { get; set; }

    /// <summary>Gets the family's cross-tenant references of a document at an isolation level, for the caller's tier.</summary>
    internal Func<T, IsolationLevel, TenantType?, IEnumerable<CrossTenantReference>> CrossTenantReferences { get; init; } = static (_, _, _) => [];

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISchemaVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    internal override string? ClaimedTenantOf(object document) => document is T typed ? TenantIdOf(typed) : null;

    internal override void Register(IServiceCollection services)
    {
        services.TryAddSingleton(_validatorType);
        services.TryAddSingleton<IValidator<T>>(provider => new ValidationPipeline<T>(
            this,
            (IValidator<T>)provider.GetRequiredService(_validatorType),
            provider.GetRequiredService<PipelineServices>()));
    }
}
