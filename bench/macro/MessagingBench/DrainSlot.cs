namespace Stratus.Bench.Messaging;

/// <summary>
/// The drain a long-lived consumer's handler reports to: each run installs a new one before filling the queue, so one
/// consumer (and one host) serves every run, as in an application, and no run pays for a start-up or a group join.
/// </summary>
internal sealed class DrainSlot
{
    private Drain? _current;

    public Drain Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("A message arrived outside a run.");

    public Drain Begin(int expected)
    {
        var drain = new Drain(expected);
        Volatile.Write(ref _current, drain);
        return drain;
    }
}
