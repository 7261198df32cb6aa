namespace Stratus.Cli;

/// <summary>The text of <c>stratus --help</c>.</summary>
internal static class HelpText
{
    public const string Text = """
        stratus: Spring Cloud-compatible infrastructure for .NET microservices

        Usage: stratus <role> [--urls URL] [--Key=Value ...]
               stratus --help | --version

        Roles:
          registry        Eureka-compatible service registry     (default --urls http://127.0.0.1:8761)
          config-server   Spring Cloud Config-compatible server  (default --urls http://127.0.0.1:8888)
          gateway         API gateway on YARP, Spring Cloud Gateway routes (default --urls http://127.0.0.1:8080)
          auth-server     OAuth2 authorisation server            (not built yet)
          dev             registry + config server + gateway     (not built yet)

        Configuration: appsettings.json, appsettings.{Environment}.json, environment
        variables (Stratus__Registry__EnableSelfPreservation=false) and the command
        line (--Stratus:Registry:EnableSelfPreservation=false), in rising precedence.

        Main registry keys (Stratus:Registry:...):
          EnableSelfPreservation   true      [eureka.server.enable-self-preservation]
          RenewalPercentThreshold  0.85      [eureka.server.renewal-percent-threshold]
          EvictionInterval         00:01:00  [eureka.server.eviction-interval-timer-in-ms]
          LeaseExpiry              Exact     Exact | EurekaCompatible (Eureka's doubled lease)
          PeerUrls                 (none)    comma list of other nodes, http://host:8761/eureka/
          Username, Password       (none)    basic credentials required for writes
          BearerToken              (none)    bearer token accepted for writes

        Main config server keys (Stratus:ConfigServer:...):
          Git:Uri                  (none)    path, file: or https:// repository [spring.cloud.config.server.git.uri]
          Git:DefaultLabel         main      falls back to master
          Git:SearchPaths          (none)    folders besides the root, {application} {profile} {label} and *
          Git:RefreshRate          00:00:05  background fetch interval; requests never wait for Git
          Native:SearchLocations   (none)    plain folders instead of Git
          Encrypt:Key              (none)    symmetric key for {cipher} values [encrypt.key, ENCRYPT_KEY]
          Security:Username/Password (none)  admin user; without it admin endpoints answer loopback only

        Main gateway keys (Stratus:Gateway:...):
          Routes:{n}:Id, :Uri, :Predicates:{m}, :Filters:{m}, :Order  [spring.cloud.gateway.routes]
          DefaultFilters:{n}       (none)    filters applied to every route
          ResponseTimeout          00:00:30  504 after it; per route: metadata response-timeout (ms)
          TrustedProxies           (none)    peers whose X-Forwarded-* headers are believed

        Ctrl-C or SIGTERM stops gracefully. Docs: docs/registry.md, docs/config-server.md, docs/gateway.md

        """;
}
