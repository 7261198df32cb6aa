namespace Stratus.ConfigServer.Repositories;

/// <summary>
/// A read-only tree of configuration files: one Git commit, or the folders of a native backend. Paths are relative,
/// <c>/</c>-separated and already validated; a lookup never leaves the tree and never follows a symbolic link.
/// </summary>
internal interface IConfigTree
{
    /// <summary>Finds a regular file; false when it is missing, a folder, a link or otherwise not plain content.</summary>
    bool TryGetFile(string path, out ConfigBlob blob);

    /// <summary>True when <paramref name="path"/> ("" for the root) is a folder of the tree.</summary>
    bool DirectoryExists(string path);

    /// <summary>The names of the folders directly inside <paramref name="path"/> ("" for the root), links excluded.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>The local folder that holds the files (a clone or the native folder), as Spring prints it in source names.</summary>
    string LocalRoot { get; }
}
