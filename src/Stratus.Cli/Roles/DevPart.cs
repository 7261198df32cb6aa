using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Stratus.Cli.Roles;

/// <summary>
/// One role inside <c>stratus dev</c>: the role's own application (built by the role's <c>Build</c>), placed on its dev
/// URL, with dev defaults under all configuration and the process's signals left to <see cref="DevRole"/>.
/// </summary>
internal sealed class DevPart(string name, string urlKey, Uri url, Func<string[], Action<WebApplicationBuilder>, WebApplication> build, IReadOnlyList<KeyValuePair<string, string?>> defaults)
{
    public string Name { get; } = name;

    /// <summary>The full key that moves this part, for messages.</summary>
    public string UrlKey { get; } = $"{DevSettings.Section}:{urlKey}";

    public Uri Url { get; } = url;

    public WebApplication? App { get; private set; }

    public WebApplication Build(string[] args) => App = build(args, Configure);

    private void Configure(WebApplicationBuilder builder)
    {
        // Forced, not a default: ASPNETCORE_URLS or a urls key meant for one role must not put four parts on one port.
        builder.WebHost.UseUrls(Url.GetLeftPart(UriPartial.Authority));
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });

        // One process, one set of signal handlers (DevRole's): four console lifetimes would each race to stop their part.
        builder.Services.AddSingleton<IHostLifetime, DevPartLifetime>();
    }

    /// <summary>A host lifetime that waits for nothing and reacts to no signal; <see cref="DevRole"/> starts and stops the part.</summary>
    private sealed class DevPartLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
