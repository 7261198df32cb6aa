namespace Stratus.Aspire.Hosting.Tests;

public sealed class StratusResourceTests
{
    [Theory]
    [InlineData("registry")]
    [InlineData("config-server")]
    [InlineData("gateway")]
    [InlineData("auth-server")]
    public async Task Each_role_runs_stratus_with_its_role_and_the_endpoint_target_port(string role)
    {
        var builder = TestModel.CreateBuilder();
        StratusServerResource resource = role switch
        {
            "registry" => builder.AddStratusRegistry("r", 8761).Resource,
            "config-server" => builder.AddStratusConfigServer("r", 8888).Resource,
            "gateway" => builder.AddStratusGateway("r", 8080).Resource,
            _ => builder.AddStratusAuthServer("r", 9000).Resource,
        };

        Assert.Equal(role, resource.Role);
        Assert.Equal("stratus", resource.Command);
        Assert.Equal(builder.AppHostDirectory, resource.WorkingDirectory);
        var endpoint = Assert.Single(resource.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("http", "http", (int?)SpringPort(role)), (endpoint.Name, endpoint.UriScheme, endpoint.Port));
        Assert.Single(resource.Annotations.OfType<HealthCheckAnnotation>());

        TestModel.Allocate(resource, 40_001, targetPort: 40_002);
        var args = (await TestModel.EvaluateAsync(resource)).Arguments;
        Assert.Equal([role, "--urls=http://localhost:40002"], args);
    }

    [Fact]
    public void Without_a_port_Aspire_chooses_one()
    {
        var registry = TestModel.CreateBuilder().AddStratusRegistry("registry").Resource;

        Assert.Null(Assert.Single(registry.Annotations.OfType<EndpointAnnotation>()).Port);
    }

    [Fact]
    public async Task A_dll_from_the_apphost_configuration_runs_with_dotnet_exec()
    {
        var builder = TestModel.CreateBuilder("--Stratus:Aspire:CliPath=cli/stratus.dll");
        var registry = builder.AddStratusRegistry("registry").Resource;
        TestModel.Allocate(registry, 40_011, targetPort: 40_012);

        Assert.Equal("dotnet", registry.Command);
        var args = (await TestModel.EvaluateAsync(registry)).Arguments;
        Assert.Equal(["exec", Path.Combine(builder.AppHostDirectory, "cli", "stratus.dll"), "registry", "--urls=http://localhost:40012"], args);
    }

    [Fact]
    public async Task WithStratusCli_replaces_the_command_of_one_resource()
    {
        var builder = TestModel.CreateBuilder("--Stratus:Aspire:CliPath=/opt/a/stratus.dll");
        var gateway = builder.AddStratusGateway("gateway").WithStratusCli("/opt/b/stratus").Resource;
        var registry = builder.AddStratusRegistry("registry").Resource;
        TestModel.Allocate(gateway, 40_021, targetPort: 40_022);

        Assert.Equal("/opt/b/stratus", gateway.Command);
        Assert.Equal(["gateway", "--urls=http://localhost:40022"], (await TestModel.EvaluateAsync(gateway)).Arguments);
        Assert.Equal("dotnet", registry.Command);
    }

    [Fact]
    public async Task The_role_runs_in_the_apphost_environment()
    {
        var builder = TestModel.CreateBuilder("--environment=Staging");
        var registry = builder.AddStratusRegistry("registry").Resource;
        TestModel.Allocate(registry, 40_031, targetPort: 40_032);

        var environment = (await TestModel.EvaluateAsync(registry)).Environment;

        Assert.Equal("Staging", environment["DOTNET_ENVIRONMENT"]);
    }

    [Fact]
    public async Task Traces_and_metrics_go_to_the_dashboard_over_grpc()
    {
        var builder = TestModel.CreateBuilder("--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19999");
        var gateway = builder.AddStratusGateway("gateway").Resource;
        var service = builder.AddExecutable("service", "service", ".").WithStratusOtlpExporter().Resource;
        TestModel.Allocate(gateway, 40_041, targetPort: 40_042);

        foreach (var resource in new IResource[] { gateway, service })
        {
            var environment = (await TestModel.EvaluateAsync(resource)).Environment;

            Assert.Equal("http://localhost:19999", environment["Stratus__Observability__Tracing__Otlp__Endpoint"]);
            Assert.Equal("grpc", environment["Stratus__Observability__Tracing__Otlp__Protocol"]);
            Assert.Equal("http://localhost:19999", environment["Stratus__Observability__Metrics__Otlp__Endpoint"]);
        }
    }

    private static int SpringPort(string role) => role switch
    {
        "registry" => 8761,
        "config-server" => 8888,
        "gateway" => 8080,
        _ => 9000,
    };
}
