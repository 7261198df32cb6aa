namespace Stratus.LoadBalancing;

/// <summary>A call named a service that has no <c>UP</c> instance in the registry view.</summary>
public sealed class NoInstanceAvailableException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public NoInstanceAvailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public NoInstanceAvailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The cause.</param>
    public NoInstanceAvailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The service name, when known.</summary>
    public string? ServiceId { get; init; }
}
