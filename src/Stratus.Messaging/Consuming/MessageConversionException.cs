namespace Stratus.Messaging.Consuming;

/// <summary>The payload could not be read as the handler's type; never retried (as Spring's MessageConversionException).</summary>
internal sealed class MessageConversionException(string message, Exception inner) : Exception(message, inner);
