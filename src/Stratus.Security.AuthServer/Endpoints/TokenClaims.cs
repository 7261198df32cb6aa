using System.Buffers;
using System.Collections.Immutable;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Stratus.Security.AuthServer.Storage;
using Stratus.Security.AuthServer.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Stratus.Security.AuthServer.Endpoints;

/// <summary>The claims of the tokens the server issues, for a client acting for itself or for a signed-in user.</summary>
internal static class TokenClaims
{
    /// <summary>The claim that carries a user's roles, always a JSON array.</summary>
    public const string Roles = "roles";

    public static ClaimsPrincipal ForClient(string clientId, ImmutableArray<string> scopes, IReadOnlyCollection<string> resources)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId);
        return Finish(identity, clientId, scopes, resources);
    }

    public static ClaimsPrincipal ForUser(UserRecord user, string clientId, ImmutableArray<string> scopes, IReadOnlyCollection<string> resources)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.Name, user.Username);
        identity.SetClaim(Claims.PreferredUsername, user.Username);
        var roles = UserDirectory.RolesOf(user);
        // OpenIddict's helpers write one claim per value, which a JWT shows as a bare string when there is one role.
        identity.AddClaim(new Claim(Roles, JsonArrayOf(roles), JsonClaimValueTypes.JsonArray));
        return Finish(identity, clientId, scopes, resources);
    }

    /// <summary>A JSON array even for one role, so resource servers always read a list.</summary>
    private static string JsonArrayOf(IReadOnlyList<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, string clientId, ImmutableArray<string> scopes, IReadOnlyCollection<string> resources)
    {
        identity.SetScopes(scopes);

        // RFC 8725 wants an audience on every token: the granted scopes' resources, else the client itself (as Spring does).
        var audiences = resources.Count > 0 ? resources.ToImmutableArray() : [clientId];
        identity.SetResources(audiences);
        identity.SetAudiences(audiences);
        identity.SetDestinations(claim => Destinations(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    private static IEnumerable<string> Destinations(Claim claim, ImmutableArray<string> scopes) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.PreferredUsername when scopes.Contains(Scopes.Profile) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Roles when scopes.Contains(Scopes.Roles) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
