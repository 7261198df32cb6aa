using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Cli.Roles;

/// <summary>
/// <c>stratus dev</c>: the registry, the config server, the gateway (discovery locator on, pointed at that registry) and
/// the auth server (demo set on) in one process, each built by its own role's code, for local development.
/// </summary>
internal static partial class DevRole
{
    public const string Name = "dev";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "--urls" or "/urls" || a.StartsWith("--urls=", StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync($"stratus dev: --urls does not apply to dev, which runs several servers; move each one with "
                + $"--{DevSettings.Section}:RegistryUrl, :ConfigServerUrl, :GatewayUrl or :AuthServerUrl=http://127.0.0.1:<port>").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var configuration = DevSettings.LoadConfiguration(args);
        var (settings, errors) = DevSettings.Read(configuration);
        var (repository, repositoryError) = settings is null ? (null, null) : DevConfigRepository.Resolve(configuration, settings.ConfigRepo);
        if (settings is null || repository is null)
        {
            foreach (var error in repositoryError is null ? errors : [repositoryError])
            {
                await Console.Error.WriteLineAsync($"stratus dev: {error}").ConfigureAwait(false);
            }

            return CommandLine.ExitConfiguration;
        }

        var parts = Plan(settings, repository);
        using var stop = new CancellationTokenSource();
        var signalled = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            Interlocked.Exchange(ref signalled, 1);
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);

        var failures = await StartAsync(parts, args).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            await StopAsync(parts).ConfigureAwait(false);
            foreach (var (part, exception) in failures)
            {
                await Console.Error.WriteLineAsync($"stratus dev: {Describe(part, exception)}").ConfigureAwait(false);
            }

            return failures.Any(f => IsAddressInUse(f.Exception)) ? CommandLine.ExitPortInUse
                : failures.Any(f => f.Exception is OptionsValidationException) ? CommandLine.ExitConfiguration
                : CommandLine.ExitSoftware;
        }

        foreach (var part in parts)
        {
            // A part that stops on its own (a failed background service, an admin shutdown) takes the others with it.
            part.App!.Lifetime.ApplicationStopping.Register(() => stop.Cancel());
        }

        await Console.Error.WriteAsync(DevBanner.Text(parts, repository)).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await StopAsync(parts).ConfigureAwait(false);
        if (Volatile.Read(ref signalled) == 1)
        {
            return 0;
        }

        await Console.Error.WriteLineAsync("stratus dev: a part stopped on its own; the others were stopped too (see the log above)").ConfigureAwait(false);
        return CommandLine.ExitSoftware;
    }

    /// <summary>The parts, registry first: the gateway finds services there and the auth server registers there.</summary>
    private static List<DevPart> Plan(DevSettings settings, DevConfigRepository repository)
    {
        var registry = settings.RegistryUrl;
        var host = registry.Host is "0.0.0.0" or "[::]" ? (registry.Host == "[::]" ? "[::1]" : "127.0.0.1") : registry.Host;
        var serviceUrl = $"{registry.Scheme}://{host}:{registry.Port}/eureka/";
        List<DevPart> parts =
        [
            new(RegistryRole.Name, "RegistryUrl", settings.RegistryUrl, RegistryRole.Build, []),
            new(ConfigServerRole.Name, "ConfigServerUrl", settings.ConfigServerUrl, ConfigServerRole.Build, repository.Defaults),
            new(GatewayRole.Name, "GatewayUrl", settings.GatewayUrl, GatewayRole.Build,
            [
                new("Stratus:Discovery:ServiceUrl", serviceUrl),
                new("Stratus:Gateway:Discovery:Locator:Enabled", "true"),
                new("Stratus:Gateway:Discovery:Locator:LowerCaseServiceId", "true"),
            ]),
        ];
        if (settings.AuthServerEnabled)
        {
            parts.Add(new(AuthServerRole.Name, "AuthServerUrl", settings.AuthServerUrl, AuthServerRole.Build,
            [
                new("Stratus:AuthServer:EnableDemo", "true"),
                new("Stratus:AuthServer:Database:Path", Path.Combine(".stratus", "stratus-auth.db")),
                new("Stratus:Discovery:ServiceUrl", serviceUrl),
            ]));
        }

        return parts;
    }

    /// <summary>
    /// Starts the parts in two lanes, one per core of a small machine: the auth server (the longest: EF Core, OpenIddict,
    /// its database) alone in one, the registry, config server and gateway in turn in the other, so the gateway's first
    /// fetch finds the registry. Returns the parts that failed; after a failure, a lane starts nothing more.
    /// </summary>
    private static async Task<List<(DevPart Part, Exception Exception)>> StartAsync(List<DevPart> parts, string[] args)
    {
        var auth = parts.Where(p => p.Name == AuthServerRole.Name).ToList();
        var others = parts.Except(auth).ToList();
        var lanes = await Task.WhenAll(Task.Run(() => StartInTurnAsync(auth, args)), Task.Run(() => StartInTurnAsync(others, args))).ConfigureAwait(false);
        return [.. lanes.SelectMany(failures => failures)];
    }

    private static async Task<List<(DevPart Part, Exception Exception)>> StartInTurnAsync(List<DevPart> parts, string[] args)
    {
        foreach (var part in parts)
        {
            try
            {
                var began = TimeProvider.System.GetTimestamp();
                var app = part.Build(args);
                var built = TimeProvider.System.GetElapsedTime(began);
                await app.StartAsync().ConfigureAwait(false);
                var started = TimeProvider.System.GetElapsedTime(began) - built;
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Stratus.Cli");
                Log.PartStarted(logger, part.Name, (long)built.TotalMilliseconds, (long)started.TotalMilliseconds);
            }
            catch (Exception e)
            {
                return [(part, e)];
            }
        }

        return [];
    }

    /// <summary>Stops the parts clients reach first (gateway, auth server) before those they depend on; each drains gracefully.</summary>
    private static async Task StopAsync(List<DevPart> parts)
    {
        foreach (var part in Enumerable.Reverse(parts).OrderBy(p => p.Name == GatewayRole.Name ? 0 : 1))
        {
            if (part.App is not { } app)
            {
                continue;
            }

            try
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or AggregateException)
            {
                await Console.Error.WriteLineAsync($"stratus dev: the {part.Name} did not stop cleanly: {e.Message}").ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsAddressInUse(Exception e) => e is AddressInUseException || (e is IOException && e.InnerException is AddressInUseException);

    private static string Describe(DevPart part, Exception exception) => exception switch
    {
        _ when IsAddressInUse(exception) =>
            $"the {part.Name} cannot listen on {part.Url.GetLeftPart(UriPartial.Authority)}: port {part.Url.Port} is already in use. "
            + $"Stop what holds it, or move the {part.Name} with --{part.UrlKey}=http://127.0.0.1:<port>. Nothing was left running.",
        OptionsValidationException invalid => $"invalid configuration for the {part.Name}: {string.Join(" ", invalid.Failures)}",
        _ => $"the {part.Name} failed to start: {exception.GetType().Name}: {exception.Message}",
    };
}
