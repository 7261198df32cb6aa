using System.ComponentModel.DataAnnotations;

namespace Stratus.Security.AuthServer;

/// <summary>A scope, <c>Stratus:AuthServer:Scopes:{n}</c>: its name and the resource servers (audiences) it is for.</summary>
public sealed class AuthServerScopeOptions
{
    /// <summary>The scope name, for example <c>licenses.read</c>. Required.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>
    /// Audiences a token carrying this scope is for: its <c>aud</c> claim lists the resources of every granted scope.
    /// Empty by default; a token whose scopes name no resource has the client id as its audience.
    /// </summary>
    public IList<string> Resources { get; } = new List<string>();
}
