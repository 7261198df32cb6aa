using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Management.Http;
using Stratus.Shared;

namespace Stratus.Management.Env;

/// <summary>
/// <c>GET {base}/env</c> and <c>{base}/env/{key}</c> in Spring's shape. The environment name is the one active profile.
/// Keys are shown as .NET writes them, with <c>:</c>; a single-key lookup also accepts Spring's dots.
/// </summary>
internal sealed class EnvEndpoint(IConfiguration configuration, IHostEnvironment environment, IOptions<ManagementOptions> options, ManagementAccess access)
{
    public const int MaxKeyLength = 256;

    public async Task AllAsync(HttpContext context)
    {
        var show = await access.IsAuthorizedAsync(context, options.Value.Env.ShowValues).ConfigureAwait(false);
        var sources = PropertySource.From(configuration);
        await ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            WriteProfiles(json);
            json.WriteStartArray("propertySources");
            foreach (var source in sources)
            {
                json.WriteStartObject();
                json.WriteString("name", source.Name);
                json.WriteStartObject("properties");
                foreach (var (key, value) in source.Properties)
                {
                    json.WriteStartObject(key);
                    json.WriteString("value", ValueMasking.Show(key, value, show));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public async Task OneAsync(HttpContext context)
    {
        var key = context.GetRouteValue("toMatch") as string ?? string.Empty;
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status400BadRequest, $"The key must be 1 to {MaxKeyLength} characters without control characters.", access.Time).ConfigureAwait(false);
            return;
        }

        var sources = PropertySource.From(configuration);
        if (!sources.Any(s => s.Find(key) is not null) && key.Contains('.', StringComparison.Ordinal))
        {
            key = key.Replace('.', ':');
        }

        var found = sources.Select(s => (s.Name, Value: s.Find(key))).ToList();
        var winner = found.FirstOrDefault(f => f.Value is not null);
        if (winner.Value is null)
        {
            await SpringErrorJson.WriteAsync(context, StatusCodes.Status404NotFound, "No property with this key.", access.Time).ConfigureAwait(false);
            return;
        }

        var show = await access.IsAuthorizedAsync(context, options.Value.Env.ShowValues).ConfigureAwait(false);
        await ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("property");
            json.WriteString("source", winner.Name);
            json.WriteString("value", ValueMasking.Show(key, winner.Value, show));
            json.WriteEndObject();
            WriteProfiles(json);
            json.WriteStartArray("propertySources");
            foreach (var (name, value) in found)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                if (value is not null)
                {
                    json.WriteStartObject("property");
                    json.WriteString("value", ValueMasking.Show(key, value, show));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private void WriteProfiles(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartArray("activeProfiles");
        json.WriteStringValue(environment.EnvironmentName);
        json.WriteEndArray();
    }
}
