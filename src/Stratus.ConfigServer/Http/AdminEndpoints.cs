using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Stratus.ConfigServer.Refresh;
using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Http;

/// <summary><c>POST /monitor</c> (push webhooks), <c>POST /actuator/refresh</c> and <c>GET /actuator/health</c>.</summary>
internal sealed class AdminEndpoints(
    RefreshService refresher,
    CompositeEnvironmentRepository repository,
    AccessControl access,
    IOptionsMonitor<ConfigServerOptions> options,
    TimeProvider time)
{
    private const int MaxWebhookBody = 1024 * 1024;

    public async Task MonitorAsync(HttpContext context)
    {
        var body = await BodyReader.ReadAsync(context, MaxWebhookBody).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"Webhook body over {MaxWebhookBody} bytes", time).ConfigureAwait(false);
            return;
        }

        if (!SignedBySecret(context, body) && access.CheckAdmin(context) is { } denied)
        {
            await ErrorResponse.WriteAsync(context, denied.Status, denied.Message, time).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string>? paths;
        if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            paths = form.TryGetValue("path", out var values) ? [.. values.OfType<string>()] : null;
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                paths = WebhookPaths.Extract(context.Request.Headers, document.RootElement);
            }
            catch (JsonException e)
            {
                await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Webhook body is not JSON: " + e.Message, time).ConfigureAwait(false);
                return;
            }
        }

        var applications = paths is null ? [] : WebhookPaths.Applications(paths);
        if (applications.Count > 0)
        {
            await refresher.RequestAsync(applications, "monitor").WaitAsync(TimeSpan.FromSeconds(30), time, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(applications, ConfigServerJsonContext.Default.IReadOnlyListString), context.RequestAborted).ConfigureAwait(false);
    }

    public async Task RefreshAsync(HttpContext context)
    {
        if (access.CheckAdmin(context) is { } denied)
        {
            await ErrorResponse.WriteAsync(context, denied.Status, denied.Message, time).ConfigureAwait(false);
            return;
        }

        var changed = await refresher.RequestAsync(["*"], "actuator").WaitAsync(TimeSpan.FromSeconds(60), time, context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(changed ? "[\"config.server.repository\"]" : "[]", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Spring's health shape; the <c>configServer</c> component lists each repository with the age of its last good fetch.</summary>
    public async Task HealthAsync(HttpContext context)
    {
        var now = time.GetUtcNow();
        var repositories = repository.Health();
        var up = repositories.All(r => r.Ready);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", up ? "UP" : "DOWN");
            writer.WriteStartObject("components");
            writer.WriteStartObject("configServer");
            writer.WriteString("status", up ? "UP" : "DOWN");
            writer.WriteStartObject("details");
            writer.WriteStartArray("repositories");
            foreach (var health in repositories)
            {
                writer.WriteStartObject();
                writer.WriteString("uri", health.Uri);
                writer.WriteBoolean("ready", health.Ready);
                if (health.LastGoodFetch is { } fetched)
                {
                    writer.WriteString("lastGoodFetch", fetched);
                    writer.WriteNumber("lastGoodFetchAgeSeconds", Math.Round((now - fetched).TotalSeconds, 1));
                }

                if (health.LastError is { } error)
                {
                    writer.WriteString("lastError", error);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.StatusCode = up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/vnd.spring-boot.actuator.v3+json";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    private bool SignedBySecret(HttpContext context, byte[] body)
    {
        var secret = options.CurrentValue.MonitorSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        var headers = context.Request.Headers;
        var key = Encoding.UTF8.GetBytes(secret);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, body));
        var github = headers["X-Hub-Signature-256"].ToString();
        var gitea = headers["X-Gitea-Signature"].ToString();
        var gogs = headers["X-Gogs-Signature"].ToString();
        var gitlab = headers["X-Gitlab-Token"].ToString();
        return Same(github, "sha256=" + expected) || Same(gitea, expected) || Same(gogs, expected) || Same(gitlab, secret);
    }

    private static bool Same(string actual, string expected) =>
        actual.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
