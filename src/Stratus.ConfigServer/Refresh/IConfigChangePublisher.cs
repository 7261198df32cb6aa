namespace Stratus.ConfigServer.Refresh;

/// <summary>
/// Tells the world that configuration changed, after the server has fetched it. Watchers of the server are woken
/// without one, and the Spring Cloud Bus publisher is built in (it acts once the bus is added); add others with
/// <c>services.AddSingleton&lt;IConfigChangePublisher, MyPublisher&gt;()</c>.
/// </summary>
public interface IConfigChangePublisher
{
    /// <summary>Publishes <paramref name="change"/>. Failures are logged by the server and do not stop other publishers.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>A task that completes when the change is published.</returns>
    Task PublishAsync(ConfigChange change, CancellationToken cancellationToken);
}
