using System.Collections.Immutable;
using Stratus.ConfigServer.Files;

namespace Stratus.ConfigServer.Environment;

/// <summary>One property source of an environment: its Spring-style name and its properties in file order.</summary>
internal sealed record PropertySourceData(string Name, ImmutableArray<FlatProperty> Properties);
