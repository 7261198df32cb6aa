using Microsoft.Extensions.Configuration;

namespace Stratus.Messaging.Tests.Support;

/// <summary>A real broker a test application binds to: the settings that point at it and the binder that speaks to it.</summary>
public interface IMessagingBroker
{
    IReadOnlyDictionary<string, string?> BinderSettings();

    StratusMessagingBuilder AddBinder(StratusMessagingBuilder messaging, IConfiguration configuration);
}
