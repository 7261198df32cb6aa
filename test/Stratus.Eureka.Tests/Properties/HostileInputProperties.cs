using System.Text;
using Stratus.Eureka.Json;
using Stratus.Eureka.Xml;

namespace Stratus.Eureka.Tests.Properties;

/// <summary>
/// Whatever bytes arrive, the readers either parse them or throw <see cref="EurekaFormatException"/>: never
/// anything else. Inputs come from a seeded generator, so a failure reproduces.
/// </summary>
public sealed class HostileInputProperties
{
    private const string ValidJson = """{"instance":{"instanceId":"h:a:1","hostName":"h","app":"A","ipAddr":"1.2.3.4","status":"UP","port":{"$":1,"@enabled":"true"},"leaseInfo":{"durationInSecs":90},"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},"metadata":{"a":"b"},"lastDirtyTimestamp":"1"}}""";
    private const string ValidXml = """<instance><instanceId>h:a:1</instanceId><hostName>h</hostName><app>A</app><ipAddr>1.2.3.4</ipAddr><status>UP</status><port enabled="true">1</port><dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo><metadata><a>b</a></metadata></instance>""";
    private const string Alphabet = "{}[]\":,@$<>/=!&;#%\\ \u0000\u00ff\ud83d0123456789aeflnrstuAEFLNRSTU.-+";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Readers_fail_only_with_format_errors_on_random_bytes(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 256)];
            random.NextBytes(bytes);
            AssertFailsCleanly(() => EurekaJsonReader.ReadInstance(bytes), bytes);
            AssertFailsCleanly(() => EurekaXmlReader.ReadInstance(bytes), bytes);
        }
    }

    [Theory]
    [InlineData(ValidJson, 11)]
    [InlineData(ValidXml, 12)]
    public void Readers_fail_only_with_format_errors_on_mutated_registrations(string valid, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = valid.ToCharArray().ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                }
            }

            var bytes = Encoding.UTF8.GetBytes(chars.ToArray());
            AssertFailsCleanly(() => EurekaJsonReader.ReadInstance(bytes), bytes);
            AssertFailsCleanly(() => EurekaXmlReader.ReadInstance(bytes), bytes);
        }
    }

    private static void AssertFailsCleanly(Func<InstanceInfo> read, byte[] input)
    {
        try
        {
            read();
        }
        catch (EurekaFormatException)
        {
            // The one allowed failure.
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name}: {ex.Message} for input {Convert.ToBase64String(input)}");
        }
    }
}
