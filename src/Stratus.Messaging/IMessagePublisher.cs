namespace Stratus.Messaging;

/// <summary>Publishes payloads to named bindings.</summary>
public interface IMessagePublisher
{
    /// <summary>
    /// Serialises <paramref name="payload"/> as JSON with <see cref="MessagingJsonOptions"/> and publishes it to the
    /// binding's destination, with a <c>contentType</c> header. Completes only when the broker has confirmed the message.
    /// </summary>
    /// <typeparam name="T">The payload type; needs JSON type info in <see cref="MessagingJsonOptions.SerializerOptions"/> under native AOT.</typeparam>
    /// <param name="binding">The binding name under <c>Stratus:Messaging:Bindings</c>; an unconfigured name is used as the destination.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="headers">Extra headers, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting; the message may still arrive.</param>
    /// <returns>A task that completes on the broker's confirm.</returns>
    Task PublishAsync<T>(string binding, T payload, IDictionary<string, object?>? headers, CancellationToken cancellationToken);
}
