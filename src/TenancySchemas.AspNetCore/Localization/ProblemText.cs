using System.Globalization;
using System.Resources;

namespace TenancySchemas.AspNetCore.Localization;

/// <summary>The titles of the package's problem details (ProblemText.resx in en, fr, de and es), in the request's UI culture.</summary>
internal static class ProblemText
{
    private static readonly ResourceManager Resources = new("TenancySchemas.AspNetCore.Localization.ProblemText", typeof(ProblemText).Assembly);

    public static string InvalidDocument => Get(nameof(InvalidDocument));

    public static string DocumentTooLarge => Get(nameof(DocumentTooLarge));

    public static string TenantRequired => Get(nameof(TenantRequired));

    public static string InvalidTenant => Get(nameof(InvalidTenant));

    public static string TenantMismatch => Get(nameof(TenantMismatch));

    public static string RateLimited => Get(nameof(RateLimited));

    public static string RateLimitUnavailable => Get(nameof(RateLimitUnavailable));

    private static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
