using LibGit2Sharp;

namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>The files of one commit, read straight from the object database: no checkout, no working tree to tamper with.</summary>
internal sealed class GitTree(Commit commit, object gate, string localRoot) : IConfigTree
{
    public string CommitId { get; } = commit.Sha;

    public string LocalRoot => localRoot;

    public bool TryGetFile(string path, out ConfigBlob blob)
    {
        lock (gate)
        {
            var entry = Find(path);
            if (entry is { TargetType: TreeEntryTargetType.Blob, Mode: Mode.NonExecutableFile or Mode.ExecutableFile }
                && entry.Target is Blob target)
            {
                blob = new ConfigBlob("git:" + target.Sha, target.Size, () => ReadBlob(target));
                return true;
            }
        }

        blob = default;
        return false;
    }

    public bool DirectoryExists(string path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        lock (gate)
        {
            return Find(path) is { TargetType: TreeEntryTargetType.Tree };
        }
    }

    public IReadOnlyList<string> ListDirectories(string path)
    {
        lock (gate)
        {
            var tree = path.Length == 0 ? commit.Tree : Find(path)?.Target as Tree;
            if (tree is null)
            {
                return [];
            }

            var names = new List<string>();
            foreach (var entry in tree)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree)
                {
                    names.Add(entry.Name);
                }
            }

            return names;
        }
    }

    private TreeEntry? Find(string path) => commit.Tree[path.TrimEnd('/')];

    private byte[] ReadBlob(Blob target)
    {
        lock (gate)
        {
            using var stream = target.GetContentStream();
            using var buffer = new MemoryStream((int)Math.Min(target.Size, int.MaxValue));
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
