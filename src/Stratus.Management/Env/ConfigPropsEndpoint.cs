using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Stratus.Management.Http;

namespace Stratus.Management.Env;

/// <summary>
/// <c>GET {base}/configprops</c>: Spring's shape, one bean per child of the <c>Stratus</c> section (named by its key, with
/// its path as prefix), showing the configured values nested. Options' code defaults are not visible here, only configuration.
/// </summary>
internal sealed class ConfigPropsEndpoint(IConfiguration configuration, IOptions<ManagementOptions> options, ManagementAccess access)
{
    public async Task AllAsync(HttpContext context)
    {
        var show = await access.IsAuthorizedAsync(context, options.Value.ConfigProps.ShowValues).ConfigureAwait(false);
        var beans = configuration.GetSection("Stratus").GetChildren().ToList();
        await ActuatorJson.WriteAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("contexts");
            json.WriteStartObject("application");
            json.WriteStartObject("beans");
            foreach (var bean in beans)
            {
                json.WriteStartObject(bean.Key);
                json.WriteString("prefix", bean.Path);
                json.WriteStartObject("properties");
                ConfigurationJson.WriteChildren(json, bean, show);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
