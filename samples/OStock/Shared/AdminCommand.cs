namespace OStock.Shared;

/// <summary>
/// A one-off admin process of the same build and configuration as the service (twelve-factor): the first argument
/// names it, a file argument follows when it takes one, and every <c>--Key=Value</c> after that is configuration.
/// </summary>
internal sealed record AdminCommand(string? Name, string? File, string[] ConfigurationArgs, string? Error)
{
    /// <summary>Splits the command line. No command (the first argument starts with <c>-</c> or is absent) means: serve.</summary>
    public static AdminCommand Parse(string[] args, IReadOnlyCollection<string> commands, IReadOnlyCollection<string> commandsWithFile)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new AdminCommand(null, null, args, null);
        }

        var name = args[0];
        if (!commands.Contains(name))
        {
            return new AdminCommand(name, null, [], $"unknown command '{name}'");
        }

        var rest = args[1..];
        if (!commandsWithFile.Contains(name))
        {
            return rest.Length > 0 && !rest[0].StartsWith('-')
                ? new AdminCommand(name, null, [], $"'{name}' takes no argument (got '{rest[0]}')")
                : new AdminCommand(name, null, rest, null);
        }

        if (rest.Length == 0 || rest[0].StartsWith('-'))
        {
            return new AdminCommand(name, null, [], $"'{name}' needs a file argument");
        }

        var configuration = rest[1..];
        return configuration.Length > 0 && !configuration[0].StartsWith('-')
            ? new AdminCommand(name, null, [], $"'{name}' takes one file (got also '{configuration[0]}')")
            : new AdminCommand(name, rest[0], configuration, null);
    }

    /// <summary>The usage text printed with exit code 64.</summary>
    public static string Usage(string service, IEnumerable<string> lines) =>
        $"usage: {service} [--Key=Value ...]            run the service\n" + string.Concat(lines.Select(l => $"       {service} {l}\n"));
}
