using Stratus.Eureka;

namespace Stratus.Discovery;

/// <summary>This application's own entry in the registry.</summary>
public interface IDiscoveryRegistration
{
    /// <summary>The instance as last sent to the registry, or <see langword="null"/> before the app listens.</summary>
    InstanceInfo? Instance { get; }

    /// <summary>Whether the registry acknowledged the last registration or renewal.</summary>
    bool IsRegistered { get; }

    /// <summary>
    /// Changes the status the registry shows for this instance (for example <see cref="InstanceStatus.OutOfService"/>
    /// while it drains) and tells the registry at once.
    /// </summary>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the registry took the change; when not, it goes with the next renewal.</returns>
    Task<bool> SetStatusAsync(InstanceStatus status, CancellationToken cancellationToken = default);
}
