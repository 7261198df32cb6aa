using System.Text.Json;

namespace Stratus.Messaging;

/// <summary>
/// The JSON settings for payloads. For native AOT, add a source-generated context for your payload types:
/// <c>services.Configure&lt;MessagingJsonOptions&gt;(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default))</c>.
/// </summary>
public sealed class MessagingJsonOptions
{
    /// <summary>The serializer options. Default: <see cref="JsonSerializerDefaults.Web"/> (camelCase, as Jackson writes Java fields).</summary>
    public JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);
}
