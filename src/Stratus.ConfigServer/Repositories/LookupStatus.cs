namespace Stratus.ConfigServer.Repositories;

/// <summary>Why a lookup failed, mapped to Spring's status codes by the HTTP layer.</summary>
internal enum LookupStatus
{
    /// <summary>Found.</summary>
    Found,

    /// <summary>The label, repository or file does not exist (404).</summary>
    NotFound,

    /// <summary>The repository has not been fetched yet (503, retry shortly).</summary>
    NotReady,

    /// <summary>A configuration file could not be parsed (500, naming the file).</summary>
    Broken,
}
