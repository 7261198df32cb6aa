namespace Stratus.Messaging.Binding;

/// <summary>A serialised message on its way to a binder.</summary>
/// <param name="Body">The payload bytes.</param>
/// <param name="ContentType">The payload's MIME type, written as the <c>contentType</c> header.</param>
/// <param name="Headers">Application headers, <c>contentType</c> included.</param>
public sealed record OutboundMessage(ReadOnlyMemory<byte> Body, string ContentType, IReadOnlyDictionary<string, object?> Headers);
