namespace Stratus.Discovery;

/// <summary>What one registry answered: status code and body, and which registry it was.</summary>
internal readonly record struct RegistryResponse(int StatusCode, byte[] Body, RegistryEndpoint From)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>No registry in the list gave a usable answer; the message says what each one did.</summary>
internal sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
