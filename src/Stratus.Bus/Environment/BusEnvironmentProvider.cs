using Microsoft.Extensions.Configuration;

namespace Stratus.Bus.Environment;

/// <summary>Serves <see cref="BusEnvironment"/>'s values; a change replaces the data in one assignment and raises one reload.</summary>
internal sealed class BusEnvironmentProvider : ConfigurationProvider, IDisposable
{
    private readonly BusEnvironment _environment;

    public BusEnvironmentProvider(BusEnvironment environment)
    {
        _environment = environment;
        _environment.Changed += OnChanged;
    }

    // A host that rebuilds its providers gets the values set so far, not an empty layer.
    public override void Load() => Data = Copy(_environment.Values);

    private void OnChanged()
    {
        Data = Copy(_environment.Values);
        OnReload();
    }

    private static Dictionary<string, string?> Copy(IReadOnlyDictionary<string, string?> values) =>
        new(values, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => "Spring Cloud Bus environment (busenv)";

    public void Dispose() => _environment.Changed -= OnChanged;
}
