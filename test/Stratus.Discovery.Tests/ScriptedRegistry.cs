using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Stratus.Testing;

namespace Stratus.Discovery.Tests;

/// <summary>A Kestrel server that answers Eureka fetches with whatever the test scripts: listings, garbage, errors.</summary>
public sealed class ScriptedRegistry : IAsyncDisposable
{
    private WebServer _server = null!;

    public Func<string, (int Status, string Body)> Answer { get; set; } = _ => (404, string.Empty);

    public ConcurrentQueue<string> Requests { get; } = new();

    public string ServiceUrl => new Uri(_server.BaseAddress, "eureka/").ToString();

    public static async Task<ScriptedRegistry> StartAsync()
    {
        var scripted = new ScriptedRegistry();
        scripted._server = await WebServer.StartAsync(app => app.Run(async context =>
        {
            var path = context.Request.Path.Value! + context.Request.QueryString;
            scripted.Requests.Enqueue(context.Request.Method + " " + path);
            var (status, body) = scripted.Answer(context.Request.Method + " " + context.Request.Path.Value);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }));
        return scripted;
    }

    public static string Listing(string hash, params (string App, string Id, int Port, string Status)[] instances) =>
        "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"" + hash + "\",\"application\":["
        + string.Join(",", instances.GroupBy(i => i.App).Select(g => "{\"name\":\"" + g.Key + "\",\"instance\":["
            + string.Join(",", g.Select(i => Instance(i.App, i.Id, i.Port, i.Status))) + "]}"))
        + "]}}";

    public static string Instance(string app, string id, int port, string status, string? action = null) =>
        "{\"instanceId\":\"" + id + "\",\"hostName\":\"127.0.0.1\",\"app\":\"" + app + "\",\"ipAddr\":\"127.0.0.1\",\"status\":\"" + status
        + "\",\"overriddenStatus\":\"UNKNOWN\",\"port\":{\"$\":" + port + ",\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
        + "\"countryId\":1,\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
        + "\"metadata\":{\"@class\":\"java.util.Collections$EmptyMap\"},\"vipAddress\":\"" + app.ToLowerInvariant() + "\""
        + (action is null ? string.Empty : ",\"actionType\":\"" + action + "\"") + "}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
