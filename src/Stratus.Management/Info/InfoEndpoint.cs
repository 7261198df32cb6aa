using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Stratus.Management.Env;
using Stratus.Management.Http;

namespace Stratus.Management.Info;

/// <summary>
/// <c>GET {base}/info</c>: <c>build</c> and <c>git</c> from <see cref="BuildInfo"/>, then everything under the <c>Info</c>
/// configuration section as nested JSON (Spring's <c>info.*</c> contributor). Configured <c>Info:build:*</c> and
/// <c>Info:git:*</c> keys replace the assembly's. Secret-looking keys are masked here too.
/// </summary>
internal sealed class InfoEndpoint(IConfiguration configuration, BuildInfo build)
{
    public Task GetAsync(HttpContext context)
    {
        var info = configuration.GetSection("Info");
        var configured = info.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            if (!configured.Contains("build") && (build.Name is not null || build.Version is not null))
            {
                json.WriteStartObject("build");
                WriteIfKnown(json, "name", build.Name);
                WriteIfKnown(json, "version", build.Version);
                json.WriteEndObject();
            }

            if (!configured.Contains("git") && build.Commit is not null)
            {
                json.WriteStartObject("git");
                json.WriteStartObject("commit");
                json.WriteString("id", build.Commit);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            ConfigurationJson.WriteChildren(json, info, showValues: true);
            json.WriteEndObject();
        });
    }

    private static void WriteIfKnown(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
