using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing;

namespace Stratus.Management;

/// <summary>Shows that <c>AddStratusManagement</c> ran, and remembers which route builders were mapped, so both calls are safe to repeat.</summary>
internal sealed class ManagementMarker
{
    private readonly ConditionalWeakTable<IEndpointRouteBuilder, object> _mapped = [];

    public bool TryMap(IEndpointRouteBuilder endpoints) => _mapped.TryAdd(endpoints, this);
}
