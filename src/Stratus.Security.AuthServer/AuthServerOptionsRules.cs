using System.Globalization;
using Microsoft.Extensions.Options;
using Stratus.Security.AuthServer.Seeding;

namespace Stratus.Security.AuthServer;

/// <summary>Checks the rules across fields of <see cref="AuthServerOptions"/>, naming every bad key and value.</summary>
internal sealed class AuthServerOptionsRules : IValidateOptions<AuthServerOptions>
{
    private const string Section = AuthServerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AuthServerOptions options)
    {
        var errors = new List<string>();
        if (options.Issuer is { } issuer && (!issuer.IsAbsoluteUri || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)))
        {
            errors.Add($"{Section}:Issuer must be an absolute http(s) URL without query or fragment, got '{issuer}'");
        }

        Check(errors, "AccessTokenLifetime", options.AccessTokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Check(errors, "RefreshTokenLifetime", options.RefreshTokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(365));
        Check(errors, "AuthorizationCodeLifetime", options.AuthorizationCodeLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Check(errors, "IdentityTokenLifetime", options.IdentityTokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Check(errors, "SessionLifetime", options.SessionLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        Check(errors, "Keys:RotationInterval", options.Keys.RotationInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650));
        Check(errors, "Keys:CheckInterval", options.Keys.CheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (options.Keys.RetiredKeyRetention is { } retention)
        {
            Check(errors, "Keys:RetiredKeyRetention", retention, TimeSpan.Zero, TimeSpan.FromDays(3650));
            if (retention < options.LongestTokenLifetime)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Section}:Keys:RetiredKeyRetention ({retention}) must be at least the longest token lifetime ({options.LongestTokenLifetime}), or tokens would outlive their key"));
            }
        }

        Check(errors, "RateLimits:Window", options.RateLimits.Window, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (options.Database.Provider == AuthServerDatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            errors.Add($"{Section}:Database:ConnectionString is required when {Section}:Database:Provider is PostgreSql");
        }

        if (options.Database.Provider == AuthServerDatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString)
            && string.IsNullOrWhiteSpace(options.Database.Path))
        {
            errors.Add($"{Section}:Database:Path must name a file when no connection string is set");
        }

        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString)
            && ConnectionStringProblem(options.Database.Provider, options.Database.ConnectionString) is { } problem)
        {
            errors.Add($"{Section}:Database:ConnectionString {problem}");
        }

        CheckClients(errors, options);
        CheckUsers(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// A connection string the provider cannot read would otherwise fail at the first query, deep in the driver (a
    /// PostgreSQL string left on the default provider gets SQLite's "keyword not supported"); say what is wrong instead.
    /// </summary>
    private static string? ConnectionStringProblem(AuthServerDatabaseProvider provider, string connectionString)
    {
        var trimmed = connectionString.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return $"is a URL; Npgsql takes 'Host=...;Database=...;Username=...;Password=...' (and {Section}:Database:Provider=PostgreSql)";
        }

        try
        {
            if (provider == AuthServerDatabaseProvider.PostgreSql)
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                return null;
            }

            var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
            {
                return $"names a Host, a PostgreSQL connection string, but {Section}:Database:Provider is Sqlite; set it to PostgreSql";
            }

            _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"is not a {provider} connection string ({e.Message})";
        }
    }

    private static void CheckClients(List<string> errors, AuthServerOptions options)
    {
        var declared = new HashSet<string>(DemoSeed.StandardScopes, StringComparer.Ordinal);
        declared.UnionWith(options.Scopes.Select(s => s.Name));
        declared.UnionWith(DemoSeed.Scopes.Select(s => s.Name));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"{Section}:Clients:{i}");
            if (!string.IsNullOrEmpty(client.ClientId) && !ids.Add(client.ClientId))
            {
                errors.Add($"{key}:ClientId '{client.ClientId}' is declared twice");
            }

            var grants = ClientGrants.Of(client);
            foreach (var grant in grants.Where(g => !ClientGrants.Known.Contains(g)))
            {
                errors.Add($"{key}:GrantTypes has '{grant}'; known: {string.Join(", ", ClientGrants.Known)}");
            }

            if (client.IsPublic && grants.Contains(ClientGrants.ClientCredentials))
            {
                errors.Add($"{key} ('{client.ClientId}') has no ClientSecret, so it cannot use client_credentials");
            }

            if (grants.Contains(ClientGrants.AuthorizationCode) && client.RedirectUris.Count == 0)
            {
                errors.Add($"{key}:RedirectUris needs at least one URI for authorization_code");
            }

            for (var j = 0; j < client.RedirectUris.Count; j++)
            {
                if (!Uri.TryCreate(client.RedirectUris[j], UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:RedirectUris:{j} must be an absolute URI without fragment, got '{client.RedirectUris[j]}'"));
                }
            }

            foreach (var scope in client.Scopes.Where(s => !declared.Contains(s)))
            {
                errors.Add($"{key}:Scopes has '{scope}', which no {Section}:Scopes entry declares");
            }
        }
    }

    private static void CheckUsers(List<string> errors, AuthServerOptions options)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (!string.IsNullOrEmpty(user.Username) && !names.Add(user.Username))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Users:{i}:Username '{user.Username}' is declared twice"));
            }
        }
    }

    private static void Check(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{key} must be between {min} and {max}, got {value}"));
        }
    }
}
