using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Stratus.ConfigServer.Refresh;

/// <summary>
/// Reads the changed file paths out of a push webhook, recognised by its header as Spring's monitor does: GitHub,
/// GitLab, Gitea, Gogs and Gitee list <c>commits[].added|modified|removed</c>; Bitbucket (cloud and server) names no
/// files, so it counts as a change to <c>application.yml</c>, which means every application.
/// </summary>
internal static class WebhookPaths
{
    /// <summary>The changed paths, or null when the request is not a push this server understands.</summary>
    public static IReadOnlyList<string>? Extract(IHeaderDictionary headers, JsonElement body)
    {
        var bitbucketCloud = headers["X-Event-Key"].ToString() is "repo:push" or "pullrequest:fulfilled" && headers.ContainsKey("X-Hook-UUID");
        var bitbucketServer = headers["X-Event-Key"].ToString() is "repo:refs_changed" or "pr:merged" && headers.ContainsKey("X-Request-Id");
        if (bitbucketCloud || bitbucketServer)
        {
            return ["application.yml"];
        }

        var push = Is(headers, "X-Github-Event", "push") || Is(headers, "X-Gitlab-Event", "Push Hook") || Is(headers, "X-Gitea-Event", "push")
            || Is(headers, "X-Gogs-Event", "push") || Is(headers, "x-git-oschina-event", "Push Hook");
        if (!push)
        {
            return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("path", out var path) ? Strings(path) : null;
        }

        var paths = new List<string>();
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("commits", out var commits) && commits.ValueKind == JsonValueKind.Array)
        {
            foreach (var commit in commits.EnumerateArray())
            {
                foreach (var kind in (ReadOnlySpan<string>)["added", "modified", "removed"])
                {
                    if (commit.ValueKind == JsonValueKind.Object && commit.TryGetProperty(kind, out var files))
                    {
                        paths.AddRange(Strings(files));
                    }
                }
            }
        }

        return paths;
    }

    /// <summary>Spring's guess of the applications a file concerns: <c>foo-dev.yml</c> gives <c>foo-dev</c> and <c>foo</c>; <c>application*</c> gives <c>*</c>.</summary>
    public static IReadOnlyList<string> Applications(IEnumerable<string> paths)
    {
        var names = new List<string>();
        foreach (var path in paths)
        {
            var file = path.Replace('\\', '/');
            file = file[(file.LastIndexOf('/') + 1)..];
            var dot = file.LastIndexOf('.');
            var name = (dot > 0 ? file[..dot] : file) + "-";
            int index;
            while ((index = name.LastIndexOf('-')) >= 0)
            {
                name = name[..index];
                var service = name == "application" ? "*" : name;
                if (service.Length > 0 && !names.Contains(service, StringComparer.Ordinal))
                {
                    names.Add(service);
                }
            }
        }

        return names;
    }

    private static bool Is(IHeaderDictionary headers, string name, string value) =>
        string.Equals(headers[name].ToString(), value, StringComparison.OrdinalIgnoreCase);

    private static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };
}
