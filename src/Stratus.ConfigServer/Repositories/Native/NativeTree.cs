using System.Globalization;

namespace Stratus.ConfigServer.Repositories.Native;

/// <summary>
/// A plain folder served as a tree. Every path component is checked not to be a symbolic link, so a link inside the
/// folder can never expose a file outside it.
/// </summary>
internal sealed class NativeTree(string root) : IConfigTree
{
    public string LocalRoot { get; } = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);

    public bool TryGetFile(string path, out ConfigBlob blob)
    {
        blob = default;
        if (Resolve(path) is not { } full)
        {
            return false;
        }

        var info = new FileInfo(full);
        if (!info.Exists || info.LinkTarget is not null || (info.Attributes & (FileAttributes.ReparsePoint | FileAttributes.Device)) != 0)
        {
            return false;
        }

        var identity = string.Create(CultureInfo.InvariantCulture, $"file:{full}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        blob = new ConfigBlob(identity, info.Length, () => File.ReadAllBytes(full));
        return true;
    }

    public bool DirectoryExists(string path) => Resolve(path) is { } full && Directory.Exists(full);

    public IReadOnlyList<string> ListDirectories(string path)
    {
        if (Resolve(path) is not { } full || !Directory.Exists(full))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var directory in new DirectoryInfo(full).EnumerateDirectories())
        {
            if (directory.LinkTarget is null)
            {
                names.Add(directory.Name);
            }
        }

        return names;
    }

    /// <summary>The absolute path of <paramref name="path"/> when no component of it is a link; null otherwise.</summary>
    private string? Resolve(string path)
    {
        var current = LocalRoot;
        if (!Directory.Exists(current))
        {
            return null;
        }

        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is "." or "..")
            {
                return null;
            }

            var next = Path.Combine(current, part);
            if (Directory.Exists(next) && new DirectoryInfo(next).LinkTarget is not null)
            {
                return null;
            }

            current = next;
        }

        return current.StartsWith(LocalRoot, StringComparison.Ordinal) ? current : null;
    }
}
