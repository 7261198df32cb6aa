namespace Stratus.ConfigServer.Environment;

/// <summary>A serialized environment and its entity tag (a hash of the content, so a no-op commit keeps the tag).</summary>
internal sealed record EnvironmentPayload(byte[] Json, string ETag);
