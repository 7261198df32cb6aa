namespace Stratus.Eureka;

/// <summary>A Eureka payload that cannot be accepted; the message names the field and the problem.</summary>
public sealed class EurekaFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EurekaFormatException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    /// <param name="message">What is wrong, for example <c>Missing hostname</c>.</param>
    public EurekaFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's own error.</param>
    public EurekaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
