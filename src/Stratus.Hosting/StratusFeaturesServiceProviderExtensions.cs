using Stratus.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Asks a built service provider which parts <c>AddStratus()</c> turned on.</summary>
public static class StratusFeaturesServiceProviderExtensions
{
    /// <summary>
    /// The parts <c>builder.AddStratus()</c> turned on for this service (after the config server's first answer), for
    /// example <c>app.Services.GetStratusFeatures().ResourceServer</c> to require scopes only on a resource server.
    /// </summary>
    /// <param name="services">The application's services, for example <c>app.Services</c>.</param>
    /// <returns>The parts that are on.</returns>
    /// <exception cref="InvalidOperationException"><c>builder.AddStratus()</c> was not called for these services.</exception>
    public static StratusFeatures GetStratusFeatures(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<StratusFeatures>()
               ?? throw new InvalidOperationException("No StratusFeatures: call builder.AddStratus() before asking app.Services.GetStratusFeatures().");
    }
}
