namespace Stratus.ConfigServer.Files;

/// <summary>The type a configuration value has on the wire: JSON string, number or boolean.</summary>
internal enum ScalarKind
{
    /// <summary>A string (every value of a <c>.properties</c> file; YAML <c>null</c> becomes an empty string, as in Spring Boot).</summary>
    String,

    /// <summary>An integer, written as a JSON number (YAML 1.1: decimal, <c>0x</c>, <c>0o</c>/leading-zero octal, <c>0b</c>, <c>1_000</c>).</summary>
    Integer,

    /// <summary>A floating-point number, written as a JSON number (or a string for infinities and NaN).</summary>
    Float,

    /// <summary>A boolean (YAML 1.1: <c>true/false/yes/no/on/off</c> in their three spellings).</summary>
    Boolean,
}
