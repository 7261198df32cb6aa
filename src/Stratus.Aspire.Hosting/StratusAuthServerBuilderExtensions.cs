using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Configures a <see cref="StratusAuthServerResource"/>.</summary>
public static class StratusAuthServerBuilderExtensions
{
    /// <summary>
    /// Seeds (or not) the demo client, scopes and user (<c>Stratus:AuthServer:EnableDemo</c>). Without this call the role
    /// decides: on in <c>Development</c>, off elsewhere.
    /// </summary>
    /// <param name="builder">The auth server resource builder.</param>
    /// <param name="enabled">Whether to seed the demo data; <see langword="true"/> by default.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<StratusAuthServerResource> WithDemo(this IResourceBuilder<StratusAuthServerResource> builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEnvironment("Stratus__AuthServer__EnableDemo", enabled ? "true" : "false");
    }

    /// <summary>
    /// Declares a scope and the audiences of the tokens that grant it: <c>Stratus__AuthServer__Scopes__{n}__Name</c> and
    /// <c>__Resources__{k}</c>, where <c>n</c> counts the scopes added so far. The server writes it into its database at
    /// start (and updates it there when it changes).
    /// </summary>
    /// <param name="builder">The auth server resource builder.</param>
    /// <param name="name">The scope, such as <c>organizations.read</c>.</param>
    /// <param name="resources">The resource servers its tokens are for (their <c>Audience</c>), such as <c>organization-service</c>; none: the token's audience is the client id.</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="ArgumentException">An empty name, a name added before, or an empty resource.</exception>
    public static IResourceBuilder<StratusAuthServerResource> WithScope(this IResourceBuilder<StratusAuthServerResource> builder, string name, IEnumerable<string> resources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resources);
        string[] resourceList = [.. resources];
        if (builder.Resource.ScopeNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Scope '{name}' is already declared on '{builder.Resource.Name}'.", nameof(name));
        }

        if (resourceList.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Scope '{name}': a resource is empty.", nameof(resources));
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"Stratus__AuthServer__Scopes__{builder.Resource.ScopeNames.Count}__");
        builder.Resource.ScopeNames.Add(name);
        builder.WithEnvironment(prefix + "Name", name);
        for (var i = 0; i < resourceList.Length; i++)
        {
            builder.WithEnvironment(prefix + "Resources__" + i.ToString(CultureInfo.InvariantCulture), resourceList[i]);
        }

        return builder;
    }

    /// <summary>
    /// Declares a client: <c>Stratus__AuthServer__Clients__{n}__ClientId</c>, <c>__ClientSecret</c> and <c>__Scopes__{k}</c>,
    /// where <c>n</c> counts the clients added so far. With a secret it is a confidential client whose grant is
    /// <c>client_credentials</c> (the role's default); add other keys (<c>GrantTypes</c>, <c>RedirectUris</c>) through
    /// <c>WithEnvironment</c> at that index. The secret is a development value: it shows in the resource's environment
    /// on the dashboard (the server stores only its hash).
    /// </summary>
    /// <param name="builder">The auth server resource builder.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret; <see langword="null"/> for a public client.</param>
    /// <param name="scopes">The scopes the client may ask for: declared with <see cref="WithScope"/>, by the demo set, or standard (<c>openid</c>, <c>profile</c>, ...).</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="ArgumentException">An empty client id, a client id added before, an empty secret, or an empty scope.</exception>
    public static IResourceBuilder<StratusAuthServerResource> WithClient(this IResourceBuilder<StratusAuthServerResource> builder, string clientId, string? clientSecret, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(scopes);
        string[] scopeList = [.. scopes];
        if (builder.Resource.ClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Client '{clientId}' is already declared on '{builder.Resource.Name}'.", nameof(clientId));
        }

        if (clientSecret is not null && string.IsNullOrWhiteSpace(clientSecret))
        {
            throw new ArgumentException($"Client '{clientId}': the secret is empty (pass null for a public client).", nameof(clientSecret));
        }

        if (scopeList.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Client '{clientId}': a scope is empty.", nameof(scopes));
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"Stratus__AuthServer__Clients__{builder.Resource.ClientIds.Count}__");
        builder.Resource.ClientIds.Add(clientId);
        builder.WithEnvironment(prefix + "ClientId", clientId);
        if (clientSecret is not null)
        {
            builder.WithEnvironment(prefix + "ClientSecret", clientSecret);
        }

        for (var i = 0; i < scopeList.Length; i++)
        {
            builder.WithEnvironment(prefix + "Scopes__" + i.ToString(CultureInfo.InvariantCulture), scopeList[i]);
        }

        return builder;
    }
}
