namespace Stratus.Registry.Leases;

/// <summary>
/// Renewals counted per minute, like Eureka's <c>MeasuredRate</c>: the current minute counts up, and
/// <see cref="Rotate"/> (called once a minute) publishes it as the last full minute.
/// </summary>
internal sealed class RenewalRate
{
    private long _current;
    private long _lastMinute;

    public long LastMinute => Interlocked.Read(ref _lastMinute);

    public void Increment() => Interlocked.Increment(ref _current);

    public void Rotate() => Interlocked.Exchange(ref _lastMinute, Interlocked.Exchange(ref _current, 0));
}
