namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// A file of a <see cref="IConfigTree"/>: an identity that changes whenever its content does (a Git blob id, or path,
/// length and time for plain files), its size, and how to read it.
/// </summary>
internal readonly record struct ConfigBlob(string Identity, long Size, Func<byte[]> Read);
