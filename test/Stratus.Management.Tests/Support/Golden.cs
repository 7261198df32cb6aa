using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stratus.Management.Tests.Support;

/// <summary>
/// Compares a response body with <c>Golden/{name}.json</c> after normalising what changes per run: the origin
/// (<c>http://127.0.0.1:port</c> becomes <c>http://host</c>), timestamps, request ids and this build's version and commit.
/// Property order and every value are compared. Set <c>STRATUS_UPDATE_GOLDEN=1</c> to rewrite the files (then review the diff).
/// </summary>
public static partial class Golden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var normalised = Normalise(actual);
        var source = Path.Combine(SourceDirectory(caller), "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("STRATUS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, normalised + "\n");
            return;
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json")).TrimEnd('\n');
        Assert.Equal(expected, normalised);
    }

    public static string Normalise(string json)
    {
        json = Origin().Replace(json, "http://host");
        var node = JsonNode.Parse(json)!;
        return node.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string SourceDirectory(string caller)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(caller)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Stratus.Management.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Origin();
}
