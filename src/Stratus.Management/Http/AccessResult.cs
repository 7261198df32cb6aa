namespace Stratus.Management.Http;

/// <summary>Whether a caller may reach a sensitive endpoint.</summary>
internal enum AccessResult
{
    Allowed,
    Unauthenticated,
    Forbidden,
}
