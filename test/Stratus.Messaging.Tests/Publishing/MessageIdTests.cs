using Stratus.Messaging.Publishing;

namespace Stratus.Messaging.Tests.Publishing;

public sealed class MessageIdTests
{
    [Fact]
    public void Message_ids_are_distinct_version_4_uuids()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => MessagePublisher.NewMessageId()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
            Assert.Equal(4, Guid.Parse(id).Version);
        });
    }
}
