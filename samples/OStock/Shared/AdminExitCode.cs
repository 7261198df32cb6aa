namespace OStock.Shared;

/// <summary>Exit codes of the admin commands, from BSD's sysexits.h so scripts can tell the failures apart.</summary>
internal static class AdminExitCode
{
    public const int Ok = 0;

    /// <summary>EX_USAGE: unknown command, missing or extra argument.</summary>
    public const int Usage = 64;

    /// <summary>EX_DATAERR: the input file is missing, unreadable, not JSON, or not a backup of this service.</summary>
    public const int DataError = 65;

    /// <summary>EX_UNAVAILABLE: the database could not be reached or refused the work.</summary>
    public const int Unavailable = 69;

    /// <summary>EX_CONFIG: the configuration is wrong (for example a connection string naming no known provider).</summary>
    public const int Configuration = 78;
}
