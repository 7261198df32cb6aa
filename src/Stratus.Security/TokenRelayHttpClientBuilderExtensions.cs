using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Security;
using Stratus.Security.Relay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Token relay on service-to-service calls.</summary>
public static class TokenRelayHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes this client send a bearer token on every call that has none: the token of the request being served, when
    /// its caller was authenticated with it; otherwise a client-credentials token of this service's client
    /// (<c>Stratus:Security:Client</c>: <c>ClientId</c>, <c>ClientSecret</c>, <c>TokenEndpoint</c>, <c>Scopes</c>),
    /// kept until shortly before it expires. Without a client and a caller's token, calls go out without one.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHttpClientBuilder AddStratusTokenRelay(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(ClientCredentialsTokenSource)))
        {
            services.AddOptions<ClientCredentialsOptions>().BindConfiguration(ClientCredentialsOptions.SectionName).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientCredentialsOptions>, ClientCredentialsOptionsRules>());
            services.AddHttpClient(ClientCredentialsTokenSource.HttpClientName);
            services.TryAddSingleton<ClientCredentialsTokenSource>();
            services.TryAddTransient<TokenRelayHandler>();
        }

        builder.AddHttpMessageHandler<TokenRelayHandler>();
        return builder;
    }
}
