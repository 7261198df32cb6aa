using System.Diagnostics;
using OStock.Shared;
using Stratus.Messaging;

namespace OStock.OrganizationService.Organizations;

/// <summary>
/// Tells other services an organisation changed, on <c>orgChangeTopic</c>, when a binder is configured. The change
/// is already saved: a publish that fails is logged, not turned into a failed request (the licensing cache expires
/// on its own anyway).
/// </summary>
internal sealed partial class OrganizationChanges(ILogger<OrganizationChanges> logger, IMessagePublisher? publisher = null)
{
    public async Task PublishAsync(string action, string organizationId, CancellationToken cancellationToken)
    {
        if (publisher is null)
        {
            return;
        }

        var change = new OrganizationChangeModel(nameof(OrganizationChangeModel), action, organizationId, Activity.Current?.TraceId.ToString());
        try
        {
            await publisher.PublishAsync(OrganizationChangeModel.Binding, change, null, cancellationToken);
            LogPublished(logger, action, organizationId);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            LogPublishFailed(logger, action, organizationId, e);
        }
    }

    [LoggerMessage(EventId = 200, EventName = "OrganizationChangePublished", Level = LogLevel.Information, Message = "Published {Action} of organisation {OrganizationId}")]
    private static partial void LogPublished(ILogger logger, string action, string organizationId);

    [LoggerMessage(EventId = 201, EventName = "OrganizationChangeNotPublished", Level = LogLevel.Warning, Message = "Could not publish {Action} of organisation {OrganizationId}")]
    private static partial void LogPublishFailed(ILogger logger, string action, string organizationId, Exception exception);
}
