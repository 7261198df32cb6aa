using Stratus.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
