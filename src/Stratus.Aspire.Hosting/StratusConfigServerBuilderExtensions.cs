using Aspire.Hosting.ApplicationModel;
using Stratus.Aspire.Hosting.ConfigServer;

namespace Aspire.Hosting;

/// <summary>Configures a <see cref="StratusConfigServerResource"/>.</summary>
public static class StratusConfigServerBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="location"/>: a Git URL (<c>https://</c>, <c>ssh://</c>, <c>git@host:path</c>, <c>file:</c>)
    /// or a local Git repository becomes <c>Stratus:ConfigServer:Git:Uri</c>; any other folder is served as plain files
    /// (<c>Stratus:ConfigServer:Native:SearchLocations:0</c>, Spring's native profile). Relative paths are relative to the
    /// AppHost's folder. A later call replaces an earlier one.
    /// </summary>
    /// <param name="builder">The config server resource builder.</param>
    /// <param name="location">The repository URL or folder.</param>
    /// <param name="label">For Git, the default label (branch, tag or commit); <see langword="null"/> keeps the server's default (<c>main</c>, then <c>master</c>).</param>
    /// <returns>The resource builder.</returns>
    /// <exception cref="DirectoryNotFoundException">A local folder that does not exist.</exception>
    public static IResourceBuilder<StratusConfigServerResource> WithConfigRepository(this IResourceBuilder<StratusConfigServerResource> builder, string location, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var repository = ConfigRepository.From(location, builder.ApplicationBuilder.AppHostDirectory);
        if (label is not null && !repository.IsGit)
        {
            throw new ArgumentException($"A label applies to a Git repository only; '{repository.Location}' is a plain folder.", nameof(label));
        }

        builder.Resource.Repository = repository;
        builder.Resource.Label = label;
        return builder;
    }

    internal static void ApplyRepository(StratusConfigServerResource resource, EnvironmentCallbackContext context)
    {
        if (resource.Repository is not { } repository)
        {
            return;
        }

        if (repository.IsGit)
        {
            context.EnvironmentVariables["Stratus__ConfigServer__Git__Uri"] = repository.Location;
            if (resource.Label is { } label)
            {
                context.EnvironmentVariables["Stratus__ConfigServer__Git__DefaultLabel"] = label;
            }
        }
        else
        {
            context.EnvironmentVariables["Stratus__ConfigServer__Native__SearchLocations__0"] = repository.Location;
        }
    }
}
