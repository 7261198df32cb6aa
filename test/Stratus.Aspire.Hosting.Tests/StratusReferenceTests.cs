namespace Stratus.Aspire.Hosting.Tests;

public sealed class StratusReferenceTests
{
    [Fact]
    public async Task A_service_referencing_the_registry_gets_the_eureka_url_and_aspire_service_discovery()
    {
        var builder = TestModel.CreateBuilder();
        var registry = builder.AddStratusRegistry("registry", 8761);
        var service = builder.AddExecutable("service", "service", ".").WithReference(registry);
        TestModel.Allocate(registry.Resource, 8761, targetPort: 41_000);

        var environment = (await TestModel.EvaluateAsync(service.Resource)).Environment;

        Assert.Equal("http://localhost:8761/eureka/", environment["Stratus__Discovery__ServiceUrl"]);
        Assert.Equal("http://localhost:8761", environment["services__registry__http__0"]);
        Assert.Contains(service.Resource.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource == registry.Resource);
    }

    [Fact]
    public async Task A_service_referencing_the_config_server_gets_its_uri()
    {
        var builder = TestModel.CreateBuilder();
        var config = builder.AddStratusConfigServer("config");
        var service = builder.AddExecutable("service", "service", ".").WithReference(config);
        TestModel.Allocate(config.Resource, 41_888, targetPort: 41_889);

        var environment = (await TestModel.EvaluateAsync(service.Resource)).Environment;

        Assert.Equal("http://localhost:41888", environment["Stratus__Config__Uri"]);
        Assert.False(environment.ContainsKey("Stratus__Discovery__ServiceUrl"));
    }

    [Fact]
    public async Task A_service_referencing_the_auth_server_trusts_the_issuer_the_auth_server_announces()
    {
        var builder = TestModel.CreateBuilder();
        var auth = builder.AddStratusAuthServer("auth", 9000);
        var service = builder.AddExecutable("service", "service", ".").WithReference(auth);
        TestModel.Allocate(auth.Resource, 9000, targetPort: 41_900);

        var serviceEnvironment = (await TestModel.EvaluateAsync(service.Resource)).Environment;
        var authEnvironment = (await TestModel.EvaluateAsync(auth.Resource)).Environment;

        Assert.Equal("http://localhost:9000/", serviceEnvironment["Stratus__Security__ResourceServer__Authority"]);
        Assert.Equal(serviceEnvironment["Stratus__Security__ResourceServer__Authority"], authEnvironment["Stratus__AuthServer__Issuer"]);
    }

    [Fact]
    public async Task The_gateway_referencing_the_registry_resolves_lb_routes_through_it()
    {
        var builder = TestModel.CreateBuilder();
        var registry = builder.AddStratusRegistry("registry");
        var gateway = builder.AddStratusGateway("gateway").WithReference(registry);
        TestModel.Allocate(registry.Resource, 41_761, targetPort: 41_762);
        TestModel.Allocate(gateway.Resource, 41_080, targetPort: 41_081);

        var environment = (await TestModel.EvaluateAsync(gateway.Resource)).Environment;

        Assert.Equal("http://localhost:41761/eureka/", environment["Stratus__Discovery__ServiceUrl"]);
    }

    [Fact]
    public async Task A_project_referencing_all_three_gets_every_key()
    {
        var builder = TestModel.CreateBuilder();
        var registry = builder.AddStratusRegistry("registry");
        var config = builder.AddStratusConfigServer("config");
        var auth = builder.AddStratusAuthServer("auth");
        var service = builder.AddExecutable("service", "service", ".").WithReference(registry).WithReference(config).WithReference(auth);
        TestModel.Allocate(registry.Resource, 42_001, targetPort: 42_011);
        TestModel.Allocate(config.Resource, 42_002, targetPort: 42_012);
        TestModel.Allocate(auth.Resource, 42_003, targetPort: 42_013);

        var environment = (await TestModel.EvaluateAsync(service.Resource)).Environment;

        Assert.Equal("http://localhost:42001/eureka/", environment["Stratus__Discovery__ServiceUrl"]);
        Assert.Equal("http://localhost:42002", environment["Stratus__Config__Uri"]);
        Assert.Equal("http://localhost:42003/", environment["Stratus__Security__ResourceServer__Authority"]);
    }
}
