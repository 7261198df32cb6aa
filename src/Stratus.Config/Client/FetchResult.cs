namespace Stratus.Config.Client;

/// <summary>What one fetch across the server list came to.</summary>
internal sealed record FetchResult(FetchStatus Status, RemoteEnvironment? Environment, string? ETag, ServerEndpoint? Server, string? Problem)
{
    public static FetchResult Changed(RemoteEnvironment environment, string? etag, ServerEndpoint server) => new(FetchStatus.Changed, environment, etag, server, null);

    public static FetchResult NotModified(string? etag, ServerEndpoint server) => new(FetchStatus.NotModified, null, etag, server, null);

    public static FetchResult Failed(string problem) => new(FetchStatus.Failed, null, null, null, problem);
}

/// <summary>Outcome of a fetch.</summary>
internal enum FetchStatus
{
    /// <summary>A new answer came.</summary>
    Changed,

    /// <summary>The server said 304: what we hold is current.</summary>
    NotModified,

    /// <summary>No server gave a usable answer.</summary>
    Failed,
}
