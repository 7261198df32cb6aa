namespace Stratus.Management.Http;

/// <summary>The endpoint ids, as Spring names them.</summary>
internal static class EndpointIds
{
    public const string Health = "health";
    public const string Info = "info";
    public const string Env = "env";
    public const string ConfigProps = "configprops";
    public const string Loggers = "loggers";
    public const string Metrics = "metrics";
    public const string Prometheus = "prometheus";
    public const string Mappings = "mappings";
    public const string ThreadDump = "threaddump";

    public static readonly IReadOnlyList<string> All = [Health, Info, Env, ConfigProps, Loggers, Metrics, Prometheus, Mappings, ThreadDump];
}
