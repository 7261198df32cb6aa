namespace Stratus.Observability.Propagation;

/// <summary>Reads one request header, repeated values joined by commas; a struct per carrier keeps extraction allocation-free.</summary>
internal interface IHeaderReader
{
    string? Get(string name);
}
