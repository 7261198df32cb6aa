using Stratus.ConfigServer.Repositories;

namespace Stratus.ConfigServer.Environment;

/// <summary>One folder searched for configuration files: a tree, the folder inside it (<c>""</c> or <c>sub/</c>), and the location text Spring prints.</summary>
internal sealed record SearchLocation(IConfigTree Tree, string Directory, string Location);
