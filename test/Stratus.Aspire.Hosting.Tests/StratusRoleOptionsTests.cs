namespace Stratus.Aspire.Hosting.Tests;

public sealed class StratusRoleOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-aspire-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_plain_folder_is_served_natively()
    {
        var config = TestModel.CreateBuilder().AddStratusConfigServer("config").WithConfigRepository(_folder);
        TestModel.Allocate(config.Resource, 43_001, targetPort: 43_002);

        var environment = (await TestModel.EvaluateAsync(config.Resource)).Environment;

        Assert.Equal(_folder, environment["Stratus__ConfigServer__Native__SearchLocations__0"]);
        Assert.False(environment.ContainsKey("Stratus__ConfigServer__Git__Uri"));
    }

    [Fact]
    public async Task A_relative_folder_is_resolved_against_the_apphost_folder()
    {
        var builder = TestModel.CreateBuilder();
        var relative = Path.GetRelativePath(builder.AppHostDirectory, _folder);
        var config = builder.AddStratusConfigServer("config").WithConfigRepository(relative);
        TestModel.Allocate(config.Resource, 43_011, targetPort: 43_012);

        var environment = (await TestModel.EvaluateAsync(config.Resource)).Environment;

        Assert.Equal(_folder, environment["Stratus__ConfigServer__Native__SearchLocations__0"]);
    }

    [Fact]
    public async Task A_local_git_repository_is_served_from_git()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".git"));
        var config = TestModel.CreateBuilder().AddStratusConfigServer("config").WithConfigRepository(_folder);
        TestModel.Allocate(config.Resource, 43_021, targetPort: 43_022);

        var environment = (await TestModel.EvaluateAsync(config.Resource)).Environment;

        Assert.Equal(_folder, environment["Stratus__ConfigServer__Git__Uri"]);
        Assert.False(environment.ContainsKey("Stratus__ConfigServer__Native__SearchLocations__0"));
    }

    [Fact]
    public async Task A_url_is_served_from_git_with_its_label_and_the_last_call_wins()
    {
        var config = TestModel.CreateBuilder().AddStratusConfigServer("config")
            .WithConfigRepository(_folder)
            .WithConfigRepository("https://example.com/org/config-repo.git", label: "release");
        TestModel.Allocate(config.Resource, 43_023, targetPort: 43_024);

        var environment = (await TestModel.EvaluateAsync(config.Resource)).Environment;

        Assert.Equal("https://example.com/org/config-repo.git", environment["Stratus__ConfigServer__Git__Uri"]);
        Assert.Equal("release", environment["Stratus__ConfigServer__Git__DefaultLabel"]);
        Assert.False(environment.ContainsKey("Stratus__ConfigServer__Native__SearchLocations__0"));
    }

    [Fact]
    public void A_label_on_a_plain_folder_is_refused()
    {
        var config = TestModel.CreateBuilder().AddStratusConfigServer("config");

        var error = Assert.Throws<ArgumentException>(() => config.WithConfigRepository(_folder, label: "main"));

        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
        Assert.Null(config.Resource.Repository);
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var config = TestModel.CreateBuilder().AddStratusConfigServer("config");
        var missing = Path.Combine(_folder, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => config.WithConfigRepository(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Null(config.Resource.Repository);
    }

    [Fact]
    public async Task Routes_become_spring_gateway_keys_numbered_in_order()
    {
        var gateway = TestModel.CreateBuilder().AddStratusGateway("gateway")
            .WithRoute("organization", "lb://organization-service", ["Path=/organization/**"], ["StripPrefix=1"])
            .WithRoute("license", "lb://licensing-service", ["Path=/license/**", "Method=GET"]);
        TestModel.Allocate(gateway.Resource, 43_031, targetPort: 43_032);

        var environment = (await TestModel.EvaluateAsync(gateway.Resource)).Environment;

        Assert.Equal("organization", environment["Stratus__Gateway__Routes__0__Id"]);
        Assert.Equal("lb://organization-service", environment["Stratus__Gateway__Routes__0__Uri"]);
        Assert.Equal("Path=/organization/**", environment["Stratus__Gateway__Routes__0__Predicates__0"]);
        Assert.Equal("StripPrefix=1", environment["Stratus__Gateway__Routes__0__Filters__0"]);
        Assert.Equal("license", environment["Stratus__Gateway__Routes__1__Id"]);
        Assert.Equal("Method=GET", environment["Stratus__Gateway__Routes__1__Predicates__1"]);
        Assert.False(environment.ContainsKey("Stratus__Gateway__Routes__1__Filters__0"));
    }

    [Fact]
    public void A_route_with_a_relative_uri_is_refused_and_adds_nothing()
    {
        var gateway = TestModel.CreateBuilder().AddStratusGateway("gateway");
        var before = gateway.Resource.Annotations.Count;

        var error = Assert.Throws<ArgumentException>(() => gateway.WithRoute("bad", "organization-service", ["Path=/x/**"]));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, gateway.Resource.Annotations.Count);
        Assert.Equal(0, gateway.Resource.RouteCount);
    }

    [Fact]
    public async Task The_discovery_locator_and_the_demo_are_switches()
    {
        var builder = TestModel.CreateBuilder();
        var gateway = builder.AddStratusGateway("gateway").WithDiscoveryLocator();
        var auth = builder.AddStratusAuthServer("auth").WithDemo(false);
        TestModel.Allocate(gateway.Resource, 43_041, targetPort: 43_042);
        TestModel.Allocate(auth.Resource, 43_043, targetPort: 43_044);

        var gatewayEnvironment = (await TestModel.EvaluateAsync(gateway.Resource)).Environment;
        var authEnvironment = (await TestModel.EvaluateAsync(auth.Resource)).Environment;

        Assert.Equal("true", gatewayEnvironment["Stratus__Gateway__Discovery__Locator__Enabled"]);
        Assert.Equal("true", gatewayEnvironment["Stratus__Gateway__Discovery__Locator__LowerCaseServiceId"]);
        Assert.Equal("false", authEnvironment["Stratus__AuthServer__EnableDemo"]);
    }

    [Fact]
    public async Task Scopes_and_clients_become_auth_server_keys_numbered_in_order()
    {
        var auth = TestModel.CreateBuilder().AddStratusAuthServer("auth")
            .WithScope("organizations.read", ["organization-service"])
            .WithScope("reports.read", [])
            .WithClient("ostock-client", "ostock-secret", ["organizations.read", "reports.read"])
            .WithClient("spa", null, ["openid"]);
        TestModel.Allocate(auth.Resource, 43_051, targetPort: 43_052);

        var environment = (await TestModel.EvaluateAsync(auth.Resource)).Environment;

        Assert.Equal("organizations.read", environment["Stratus__AuthServer__Scopes__0__Name"]);
        Assert.Equal("organization-service", environment["Stratus__AuthServer__Scopes__0__Resources__0"]);
        Assert.Equal("reports.read", environment["Stratus__AuthServer__Scopes__1__Name"]);
        Assert.False(environment.ContainsKey("Stratus__AuthServer__Scopes__1__Resources__0"));
        Assert.Equal("ostock-client", environment["Stratus__AuthServer__Clients__0__ClientId"]);
        Assert.Equal("ostock-secret", environment["Stratus__AuthServer__Clients__0__ClientSecret"]);
        Assert.Equal("organizations.read", environment["Stratus__AuthServer__Clients__0__Scopes__0"]);
        Assert.Equal("reports.read", environment["Stratus__AuthServer__Clients__0__Scopes__1"]);
        Assert.Equal("spa", environment["Stratus__AuthServer__Clients__1__ClientId"]);
        Assert.False(environment.ContainsKey("Stratus__AuthServer__Clients__1__ClientSecret"));
        Assert.Equal("openid", environment["Stratus__AuthServer__Clients__1__Scopes__0"]);
    }

    public static TheoryData<string, Action<IResourceBuilder<StratusAuthServerResource>>> BadAuthServerEntries => new()
    {
        { "'orders.read' is already declared", auth => auth.WithScope("orders.read", ["orders-service"]) },
        { "Scope 'x': a resource is empty", auth => auth.WithScope("x", ["orders-service", " "]) },
        { "'billing' is already declared", auth => auth.WithClient("billing", "other", []) },
        { "Client 'web': the secret is empty", auth => auth.WithClient("web", "", ["orders.read"]) },
        { "Client 'web': a scope is empty", auth => auth.WithClient("web", "s", ["orders.read", ""]) },
    };

    [Theory]
    [MemberData(nameof(BadAuthServerEntries))]
    public void A_bad_scope_or_client_is_refused_naming_it_and_adds_nothing(string message, Action<IResourceBuilder<StratusAuthServerResource>> add)
    {
        var auth = TestModel.CreateBuilder().AddStratusAuthServer("auth")
            .WithScope("orders.read", ["orders-service"])
            .WithClient("billing", "secret", ["orders.read"]);
        var before = auth.Resource.Annotations.Count;

        var error = Assert.Throws<ArgumentException>(() => add(auth));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, auth.Resource.Annotations.Count);
        Assert.Equal(["orders.read"], auth.Resource.ScopeNames);
        Assert.Equal(["billing"], auth.Resource.ClientIds);
    }
}
