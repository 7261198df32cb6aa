using Stratus.Management.Env;

namespace Stratus.Management.Tests.Env;

public sealed class ValueMaskingTests
{
    [Theory]
    [InlineData("Db:Password", true)]
    [InlineData("db:PASSWD", true)]
    [InlineData("Smtp:Pwd", true)]
    [InlineData("Oauth:ClientSecret", true)]
    [InlineData("Secrets:Anything", true)]
    [InlineData("Aws:Credentials:Id", true)]
    [InlineData("ConnectionStrings:Main", true)]
    [InlineData("Stripe:ApiKey", true)]
    [InlineData("Stripe:api_key", true)]
    [InlineData("Jwt:SigningKeys:0", true)]
    [InlineData("Auth:AccessToken", true)]
    [InlineData("Tls:Private", true)]
    [InlineData("VCAP_SERVICES", true)]
    [InlineData("Auth:TokenUrl", false)]
    [InlineData("Logging:LogLevel:Default", false)]
    [InlineData("App:Name", false)]
    [InlineData("Kestrel:Certificates:Default:KeyPath", false)]
    public void Secret_looking_keys_are_recognised(string key, bool secret)
    {
        Assert.Equal(secret, ValueMasking.IsSecretKey(key));
    }

    [Theory]
    [InlineData("https://svc:s3cr3t@host:8443/x", "https://svc:******@host:8443/x")]
    [InlineData("amqp://guest:guest@rabbit/", "amqp://guest:******@rabbit/")]
    [InlineData("see http://a:b@h and redis://:pw@r:6379", "see http://a:******@h and redis://:******@r:6379")]
    [InlineData("http://user@host/", "http://user@host/")]
    [InlineData("Server=db;Password=pw;Pooling=true", "Server=db;Password=******;Pooling=true")]
    [InlineData("plain", "plain")]
    public void Passwords_inside_values_are_masked(string value, string expected)
    {
        Assert.Equal(expected, ValueMasking.MaskInValue(value));
    }
}
