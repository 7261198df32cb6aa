namespace OStock.Shared;

/// <summary>Configuration the service cannot run with; the message names the key.</summary>
internal sealed class OStockConfigurationException(string message) : Exception(message);
