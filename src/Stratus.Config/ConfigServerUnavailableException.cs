namespace Stratus.Config;

/// <summary>
/// Thrown while configuration is built when fail-fast is on and no config server gave the application's configuration
/// after every attempt. The message names the servers and each one's failure; credentials are never part of it.
/// </summary>
public sealed class ConfigServerUnavailableException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, naming servers and causes.</param>
    public ConfigServerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigServerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ConfigServerUnavailableException()
    {
    }
}
