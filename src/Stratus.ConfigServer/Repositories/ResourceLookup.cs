namespace Stratus.ConfigServer.Repositories;

/// <summary>A plain-text resource's bytes, or why it could not be served.</summary>
internal sealed record ResourceLookup(LookupStatus Status, byte[]? Content, string? Message)
{
    public static ResourceLookup Fail(LookupStatus status, string message) => new(status, null, message);
}
