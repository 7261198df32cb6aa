namespace Stratus.Cli;

/// <summary>The text of <c>stratus --help</c>.</summary>
internal static class HelpText
{
    public const string Text = """
        stratus: Spring Cloud-compatible infrastructure for .NET microservices

        Usage: stratus <role> [--urls URL] [--Key=Value ...]
               stratus auth-server rotate-keys [--Key=Value ...]   (new signing key now)
               stratus --help | --version

        Roles:
          registry        Eureka-compatible service registry     (default --urls http://127.0.0.1:8761)
          config-server   Spring Cloud Config-compatible server  (default --urls http://127.0.0.1:8888)
          gateway         API gateway on YARP, Spring Cloud Gateway routes (default --urls http://127.0.0.1:8080)
          auth-server     OAuth2/OpenID Connect authorisation server (default --urls http://127.0.0.1:9000)
          dev             all four in one process for development: registry, config server
                          (serving ./config-repo), gateway (a route per registered service)
                          and auth server (demo client); docs/dev.md

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

        Spring Cloud Bus for config-server (refresh events per changed application, docs/bus.md):
          Stratus:Bus:Enabled=true plus Stratus:Messaging:RabbitMQ:Uri (amqp://user:pw@host:5672/)
          or Stratus:Messaging:Kafka:BootstrapServers                  [spring.cloud.bus.enabled]

        Main gateway keys (Stratus:Gateway:...):
          Routes:{n}:Id, :Uri, :Predicates:{m}, :Filters:{m}, :Order  [spring.cloud.gateway.routes]
          DefaultFilters:{n}       (none)    filters applied to every route
          ResponseTimeout          00:00:30  504 after it; per route: metadata response-timeout (ms)
          TrustedProxies           (none)    peers whose X-Forwarded-* headers are believed

        Main auth server keys (Stratus:AuthServer:...):
          Clients:{n}:ClientId, :ClientSecret, :Scopes:{m}, :GrantTypes:{m}, :RedirectUris:{m}
          Users:{n}:Username, :Password, :Roles:{m}   Scopes:{n}:Name, :Resources:{m}
          Database:Provider        Sqlite    Sqlite | PostgreSql (with Database:ConnectionString)
          Database:Path            stratus-auth.db  the SQLite file, under the content root
          Keys:Algorithm           RS256     RS256 | ES256; Keys:RotationInterval 30.00:00:00
          AccessTokenLifetime      00:05:00  RefreshTokenLifetime 01:00:00
          EnableDemo               (none)    demo-client/demo-secret and user demo/demo; on in Development
          Issuer                   (none)    the request's base URL unless set

        Dev keys (Stratus:Dev:...; each part's own keys above still apply to it):
          RegistryUrl              http://127.0.0.1:8761   ConfigServerUrl  http://127.0.0.1:8888
          GatewayUrl               http://127.0.0.1:8080   AuthServerUrl    http://127.0.0.1:9000
          ConfigRepo               config-repo  folder served: Git repository if it is one, plain folder if not
          EnableAuthServer         true      false leaves the auth server out
          the auth server's SQLite file: .stratus/stratus-auth.db (Stratus:AuthServer:Database:Path)

        Ctrl-C or SIGTERM stops gracefully. Invalid configuration exits 78; dev exits 75 when a port is in use.
        Docs: docs/registry.md, docs/config-server.md, docs/gateway.md, docs/security.md, docs/dev.md

        """;
}
