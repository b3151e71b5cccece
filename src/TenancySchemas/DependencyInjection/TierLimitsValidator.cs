using Microsoft.Extensions.Options;
using TenancySchemas.Tiers;

namespace TenancySchemas.DependencyInjection;

/// <summary>Checks one tier's limits against their validation attributes (generated: no reflection at start).</summary>
[OptionsValidator]
internal sealed partial class TierLimitsValidator : IValidateOptions<TierLimits>
{
}
