using System.Text.Json.Serialization;
using TenancySchemas.Json;

namespace TenancySchemas.Isolation;

/// <summary>How strictly documents of different tenants are kept apart.</summary>
[JsonConverter(typeof(WireEnumConverter<IsolationLevel>))]
public enum IsolationLevel
{
    /// <summary>A current tenant is required and every document must belong to it (<c>strict</c>).</summary>
    [JsonStringEnumMemberName("strict")]
    Strict,

    /// <summary>Documents must belong to the current tenant when one is set (<c>moderate</c>).</summary>
    [JsonStringEnumMemberName("moderate")]
    Moderate,

    /// <summary>Format checks only, for back-office tools that handle many tenants (<c>basic</c>).</summary>
    [JsonStringEnumMemberName("basic")]
    Basic,
}
