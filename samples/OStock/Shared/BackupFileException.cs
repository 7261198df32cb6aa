namespace OStock.Shared;

/// <summary>A backup file that cannot be restored: missing, not JSON, not this service's, or with bad rows.</summary>
internal sealed class BackupFileException(string message) : Exception(message);
