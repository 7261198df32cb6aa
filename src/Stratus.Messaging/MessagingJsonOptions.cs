using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Stratus.Messaging;

/// <summary>
/// The JSON settings for payloads. Payload types are read by reflection where the runtime allows it; for native AOT (or
/// to skip reflection), add a source-generated context for your payload types:
/// <c>services.Configure&lt;MessagingJsonOptions&gt;(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default))</c>.
/// </summary>
public sealed class MessagingJsonOptions
{
    /// <summary>
    /// The serializer options. Default: <see cref="JsonSerializerDefaults.Web"/> (camelCase, as Jackson writes Java fields)
    /// with the reflection-based resolver when reflection is enabled (not under native AOT).
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; } = Create();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only when reflection-based serialisation is enabled, which trimmed and AOT apps turn off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only when reflection-based serialisation is enabled, which trimmed and AOT apps turn off.")]
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        if (JsonSerializer.IsReflectionEnabledByDefault)
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        return options;
    }
}
