using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Management.Tests.Support;

/// <summary>
/// A real Kestrel app on 127.0.0.1 and a free port with only the given settings as configuration (one in-memory
/// source), the management endpoints mapped, and a log list that honours the logging filters. A request with header
/// <c>X-Test-Remote</c> looks like it came from 203.0.113.7; <c>X-Test-User: name</c> makes it authenticated.
/// </summary>
public sealed class ManagementHost : IAsyncDisposable
{
    public const string RemoteHeader = "X-Test-Remote";
    public const string UserHeader = "X-Test-User";

    private ManagementHost(WebApplication app, HttpClient client, List<string> logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public List<string> Logs { get; }

    public static async Task<ManagementHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? configure = null,
        Action<IConfigurationBuilder>? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        configuration?.Invoke(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var logs = new List<string>();
        builder.Logging.AddProvider(new ListLoggerProvider(logs));
        builder.Services.AddStratusManagement(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey(RemoteHeader))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            }

            if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } user)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, user)], "Test"));
            }

            return next(context);
        });
        configure?.Invoke(app);
        app.MapStratusManagement();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(20) };
        return new ManagementHost(app, client, logs);
    }

    public Task<HttpResponseMessage> GetAsync(string path, bool remote = false, string? user = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (remote)
        {
            request.Headers.Add(RemoteHeader, "1");
        }

        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<string> GetStringAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{path}: expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return Client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    public List<string> LogsSnapshot()
    {
        lock (Logs)
        {
            return [.. Logs];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    private sealed class ListLoggerProvider(List<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(logs, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (logs)
                {
                    logs.Add($"{category} {logLevel} {formatter(state, exception)}");
                }
            }
        }
    }
}
