namespace OStock.Shared;

/// <summary>
/// The book's organisation-change event on the <c>orgChangeTopic</c> binding: <c>type</c> is the payload's class
/// name there (<c>OrganizationChangeModel</c>), <c>action</c> is CREATED, UPDATED or DELETED.
/// </summary>
internal sealed record OrganizationChangeModel(string Type, string Action, string OrganizationId, string? CorrelationId)
{
    public const string Binding = "orgChangeTopic";

    /// <summary>True when a messaging binder is configured: only then are events published or consumed.</summary>
    public static (bool RabbitMq, bool Kafka) Binder(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        (!string.IsNullOrWhiteSpace(configuration["Stratus:Messaging:RabbitMQ:Uri"]),
         !string.IsNullOrWhiteSpace(configuration["Stratus:Messaging:Kafka:BootstrapServers"]));
}
