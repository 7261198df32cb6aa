using OStock.Shared;

namespace OStock.LicensingService.Organizations;

/// <summary>
/// Evicts an organisation's cached details when organization-service says it changed (binding <c>orgChangeTopic</c>).
/// The messaging builder takes a plain handler, so the services arrive once the app is built (<see cref="Attach"/>);
/// consumers start with the host, after that.
/// </summary>
internal sealed partial class OrganizationChangeConsumer
{
    private IServiceProvider? _services;

    public void Attach(IServiceProvider services) => _services = services;

    public async Task HandleAsync(OrganizationChangeModel change, CancellationToken cancellationToken)
    {
        var services = _services ?? throw new InvalidOperationException("The consumer ran before the application was built.");
        await using var scope = services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<OrganizationDirectory>().EvictAsync(change.OrganizationId, cancellationToken);
        var logger = services.GetRequiredService<ILogger<OrganizationChangeConsumer>>();
        LogEvicted(logger, change.Action, change.OrganizationId, removed);
    }

    [LoggerMessage(EventId = 200, EventName = "OrganizationEvicted", Level = LogLevel.Information, Message = "Organisation {OrganizationId} {Action}: evicted {Removed} cached entry")]
    private static partial void LogEvicted(ILogger logger, string action, string organizationId, int removed);
}
