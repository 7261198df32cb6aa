namespace Stratus.Messaging.Tests.Support;

public sealed record Invoice(string OrderId, int Amount);
