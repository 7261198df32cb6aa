using System.Reflection;
using Microsoft.Extensions.Options;
using Stratus.Cli.Roles;

namespace Stratus.Cli;

/// <summary>Dispatches <c>stratus &lt;role&gt; [options]</c> to a role; prints help and version.</summary>
internal static class CommandLine
{
    public const int ExitUsage = 64;
    public const int ExitSoftware = 70;
    public const int ExitPortInUse = 75;
    public const int ExitConfiguration = 78;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.Out.Write(HelpText.Text);
            return args.Length == 0 ? ExitUsage : 0;
        }

        if (args[0] is "--version" or "-v" or "version")
        {
            Console.Out.WriteLine($"stratus {Version}");
            return 0;
        }

        var role = args[0];
        var rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.Out.Write(HelpText.Text);
            return 0;
        }

        try
        {
            return await RunRoleAsync(role, rest).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"stratus: invalid configuration for the '{role}' role: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
            return ExitConfiguration;
        }
    }

    private static async Task<int> RunRoleAsync(string role, string[] rest)
    {
        switch (role)
        {
            case "registry":
                return await RegistryRole.RunAsync(rest).ConfigureAwait(false);
            case "config-server":
                return await ConfigServerRole.RunAsync(rest).ConfigureAwait(false);
            case "gateway":
                return await GatewayRole.RunAsync(rest).ConfigureAwait(false);
            case "auth-server":
                return await AuthServerRole.RunAsync(rest).ConfigureAwait(false);
            case DevRole.Name:
                return await DevRole.RunAsync(rest).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync($"stratus: unknown role '{role}'. Run 'stratus --help' for the list of roles.").ConfigureAwait(false);
                return ExitUsage;
        }
    }

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
