namespace Stratus.ConfigServer.Repositories;

/// <summary>How fresh one repository is: its masked URI, when it was last fetched successfully, and the last error.</summary>
internal sealed record RepositoryHealth(string Uri, bool Ready, DateTimeOffset? LastGoodFetch, string? LastError);
