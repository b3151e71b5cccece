using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Tiers;

/// <summary>The commercial tier of a tenant. Each tier is a FluentValidation rule set named by its wire value.</summary>
[JsonConverter(typeof(WireEnumConverter<TenantType>))]
public enum TenantType
{
    /// <summary>The enterprise tier (<c>enterprise</c>): the highest limits.</summary>
    [JsonStringEnumMemberName("enterprise")]
    Enterprise,

    /// <summary>The professional tier (<c>professional</c>).</summary>
    [JsonStringEnumMemberName("professional")]
    Professional,

    /// <summary>The standard tier (<c>standard</c>).</summary>
    [JsonStringEnumMemberName("standard")]
    Standard,

    /// <summary>The trial tier (<c>trial</c>): the lowest limits.</summary>
    [JsonStringEnumMemberName("trial")]
    Trial,
}
