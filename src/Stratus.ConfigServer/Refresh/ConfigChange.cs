namespace Stratus.ConfigServer.Refresh;

/// <summary>
/// A change the server learned about: the applications it concerns (<c>*</c> for all, as Spring's monitor says for
/// <c>application.*</c> files) and what told the server (a webhook, the refresh timer, an admin refresh).
/// </summary>
public sealed record ConfigChange(IReadOnlyList<string> Applications, string Trigger);
