namespace Stratus.Config;

/// <summary>How the client learns of changes without a restart.</summary>
public sealed class ConfigClientWatchOptions
{
    /// <summary>Long-poll the server (<c>If-None-Match</c> + <c>Prefer: wait</c>) and reload on a change. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long one long poll may wait on the server. Default 30 seconds (the Stratus server caps it at its <c>WatchTimeout</c>).</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Poll interval against a server that offers no watch (no <c>ETag</c>, as Spring Cloud Config). Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest back-off after failed polls (it starts at 1 second and doubles). Default 30 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
