using System.Security.Cryptography;

namespace Stratus.ConfigServer.Repositories.Git;

/// <summary>
/// Creates the private folder a remote is mirrored into. The folder is new, owner-only and checked not to be a link
/// after creation, so a base folder swapped for a symbolic link never redirects where the server writes.
/// </summary>
internal static class CloneFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string Create(string? baseDir)
    {
        if (string.IsNullOrWhiteSpace(baseDir))
        {
            return Verified(Directory.CreateTempSubdirectory("config-repo-").FullName);
        }

        var root = Path.GetFullPath(baseDir);
        if (!Directory.Exists(root))
        {
            CreateDirectory(root);
        }

        Verified(root);
        var folder = Path.Combine(root, "repo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        if (Path.Exists(folder))
        {
            throw new IOException($"Clone folder '{folder}' already exists");
        }

        CreateDirectory(folder);
        return Verified(folder);
    }

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }

    private static string Verified(string path)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null || (info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            throw new IOException($"Refusing to use '{path}' for a clone: it is a symbolic link");
        }

        return info.FullName.TrimEnd(Path.DirectorySeparatorChar);
    }
}
