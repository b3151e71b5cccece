using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TenancySchemas.Isolation;
using TenancySchemas.Json;

namespace TenancySchemas.Tests.Support;

/// <summary>A service provider with TenancySchemas registered the way an app would, plus a fake clock.</summary>
internal sealed class TestHost : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public TestHost(Action<TenancySchemaOptions>? configure = null, IDictionary<string, string?>? configuration = null)
    {
        Clock = new FakeTimeProvider(Now);
        var services = new ServiceCollection();
        // An empty configuration stands for an app without environment variables, so tests never see the process's.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddTenancySchemas(o => configure?.Invoke(o));

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _provider;

    public TenancyJson Json => _provider.GetRequiredService<TenancyJson>();

    public ITenantContextAccessor TenantContext => _provider.GetRequiredService<ITenantContextAccessor>();

    public IValidator<T> Validator<T>() => _provider.GetRequiredService<IValidator<T>>();

    public ValidationResult Validate<T>(T document, string culture = "en")
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return Validator<T>().Validate(document);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public void Dispose() => _provider.Dispose();
}

/// <summary>Runs a piece of code under a UI culture and puts the old one back.</summary>
internal static class InCulture
{
    public static T Run<T>(string culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
