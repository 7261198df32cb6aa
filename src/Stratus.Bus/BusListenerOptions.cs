namespace Stratus.Bus;

/// <summary>Whether an instance acts on one kind of event addressed to it. It acknowledges the event either way.</summary>
public sealed class BusListenerOptions
{
    /// <summary>Act on the event. The default depends on the kind; see <see cref="BusOptions"/>.</summary>
    public bool Enabled { get; set; }
}
