namespace Stratus.Tests.Shared;

/// <summary>
/// One private PostgreSQL server for a test class (<c>IClassFixture&lt;PostgresFixture&gt;</c>); each test makes
/// databases of its own on it. Not started when PostgreSQL is not installed outside CI: the tests then skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The server; skips the calling test, with the reason, when PostgreSQL is not installed (never under CI=true).</summary>
    public PostgresServer Server
    {
        get
        {
            Assert.SkipWhen(_server is null, PostgresServer.SkipReason ?? "PostgreSQL did not start");
            return _server!;
        }
    }

    /// <summary>A database name no other test uses (lower case, so it needs no quoting).</summary>
    public static string NewDatabase(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync()
    {
        if (PostgresServer.SkipReason is null)
        {
            _server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
