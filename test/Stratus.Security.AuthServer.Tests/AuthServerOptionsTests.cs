using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Security.AuthServer.Tests;

public sealed class AuthServerOptionsTests
{
    private static AuthServerOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        services.AddLogging();
        services.AddStratusAuthServer(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AuthServerOptions>>().Value;
    }

    [Fact]
    public void Defaults_follow_spring_authorization_server()
    {
        var options = Bind([]);

        Assert.Equal(TimeSpan.FromMinutes(5), options.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromMinutes(60), options.RefreshTokenLifetime);
        Assert.Equal(SigningKeyAlgorithm.RS256, options.Keys.Algorithm);
        Assert.Equal(AuthServerDatabaseProvider.Sqlite, options.Database.Provider);
        Assert.Equal("stratus-auth.db", options.Database.Path);
        Assert.Null(options.EnableDemo);
    }

    [Fact]
    public void Clients_scopes_and_users_bind_from_indexed_keys()
    {
        var options = Bind(new()
        {
            ["Stratus:AuthServer:Clients:0:ClientId"] = "a",
            ["Stratus:AuthServer:Clients:0:ClientSecret"] = "s",
            ["Stratus:AuthServer:Clients:0:Scopes:0"] = "x.read",
            ["Stratus:AuthServer:Clients:0:GrantTypes:0"] = "client_credentials",
            ["Stratus:AuthServer:Scopes:0:Name"] = "x.read",
            ["Stratus:AuthServer:Scopes:0:Resources:0"] = "x-service",
            ["Stratus:AuthServer:Users:0:Username"] = "u",
            ["Stratus:AuthServer:Users:0:Password"] = "p",
            ["Stratus:AuthServer:Users:0:Roles:0"] = "admin",
            ["Stratus:AuthServer:Database:Provider"] = "PostgreSql",
            ["Stratus:AuthServer:Database:ConnectionString"] = "Host=db;Database=auth",
        });

        Assert.Equal("a", Assert.Single(options.Clients).ClientId);
        Assert.Equal(["x-service"], Assert.Single(options.Scopes).Resources);
        Assert.Equal(["admin"], Assert.Single(options.Users).Roles);
        Assert.Equal(AuthServerDatabaseProvider.PostgreSql, options.Database.Provider);
    }

    [Theory]
    [InlineData("Stratus:AuthServer:Clients:0:ClientId", "", "ClientId")]
    [InlineData("Stratus:AuthServer:Clients:0:GrantTypes:0", "password", "Stratus:AuthServer:Clients:0:GrantTypes has 'password'")]
    [InlineData("Stratus:AuthServer:Clients:0:Scopes:0", "nope", "Stratus:AuthServer:Clients:0:Scopes has 'nope'")]
    [InlineData("Stratus:AuthServer:Clients:0:RedirectUris:0", "not a uri", "Stratus:AuthServer:Clients:0:RedirectUris:0 must be an absolute URI")]
    [InlineData("Stratus:AuthServer:AccessTokenLifetime", "00:00:00", "Stratus:AuthServer:AccessTokenLifetime must be between")]
    [InlineData("Stratus:AuthServer:Keys:RetiredKeyRetention", "00:01:00", "Stratus:AuthServer:Keys:RetiredKeyRetention (00:01:00) must be at least the longest token lifetime")]
    [InlineData("Stratus:AuthServer:Database:Provider", "PostgreSql", "Stratus:AuthServer:Database:ConnectionString is required")]
    [InlineData("Stratus:AuthServer:Database:ConnectionString", "Host=db;Database=auth", "Stratus:AuthServer:Database:ConnectionString names a Host, a PostgreSQL connection string, but Stratus:AuthServer:Database:Provider is Sqlite")]
    [InlineData("Stratus:AuthServer:Database:ConnectionString", "postgres://auth@db/auth", "Stratus:AuthServer:Database:ConnectionString is a URL; Npgsql takes 'Host=")]
    [InlineData("Stratus:AuthServer:Database:ConnectionString", "Data Source=a.db;Nonsense=1", "Stratus:AuthServer:Database:ConnectionString is not a Sqlite connection string")]
    [InlineData("Stratus:AuthServer:Issuer", "ftp://auth.example/", "Stratus:AuthServer:Issuer must be an absolute http(s) URL")]
    [InlineData("Stratus:AuthServer:RateLimits:TokenPermitLimit", "0", "TokenPermitLimit")]
    [InlineData("Stratus:AuthServer:Users:0:Password", "", "Password")]
    public void Bad_settings_fail_naming_the_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:AuthServer:Clients:0:ClientId"] = "a",
            ["Stratus:AuthServer:Clients:0:ClientSecret"] = "s",
            ["Stratus:AuthServer:Users:0:Username"] = "u",
            ["Stratus:AuthServer:Users:0:Password"] = "p",
            [key] = value,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Bind(settings));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Nonsense=1", "Stratus:AuthServer:Database:ConnectionString is not a PostgreSql connection string")]
    [InlineData("postgresql://auth:pw@db:5432/auth", "Stratus:AuthServer:Database:ConnectionString is a URL; Npgsql takes 'Host=")]
    public void A_postgresql_connection_string_npgsql_cannot_read_fails_naming_the_key(string connectionString, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Stratus:AuthServer:Database:Provider"] = "PostgreSql",
            ["Stratus:AuthServer:Database:ConnectionString"] = connectionString,
        }));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Public_client_cannot_use_client_credentials_and_code_flow_needs_a_redirect_uri()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Stratus:AuthServer:Clients:0:ClientId"] = "spa",
            ["Stratus:AuthServer:Clients:0:GrantTypes:0"] = "client_credentials",
            ["Stratus:AuthServer:Clients:1:ClientId"] = "web",
            ["Stratus:AuthServer:Clients:1:ClientSecret"] = "s",
            ["Stratus:AuthServer:Clients:1:GrantTypes:0"] = "authorization_code",
            ["Stratus:AuthServer:Clients:2:ClientId"] = "web",
            ["Stratus:AuthServer:Clients:2:ClientSecret"] = "s",
        }));

        Assert.Contains(error.Failures, f => f.Contains("Clients:0 ('spa') has no ClientSecret", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Clients:1:RedirectUris needs at least one URI", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Clients:2:ClientId 'web' is declared twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Log_event_ids_are_unique_and_in_the_auth_server_block()
    {
        var ids = typeof(AuthServerOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 3000, 3099));
    }
}
