using Stratus.Messaging.Consuming;

namespace Stratus.Messaging.Tests.Consuming;

public sealed class RetryBackOffTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 8000)]
    [InlineData(5, 10000)]
    [InlineData(30, 10000)]
    public void Spring_defaults_double_from_one_second_up_to_ten(int failedAttempts, int expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetryBackOff.Delay(new BindingOptions(), failedAttempts));
}
