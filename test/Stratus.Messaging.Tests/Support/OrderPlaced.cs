namespace Stratus.Messaging.Tests.Support;

public sealed record OrderPlaced(string OrderId, int Quantity);
