namespace Stratus.Observability.Propagation;

/// <summary>Sets one outgoing header.</summary>
internal interface IHeaderWriter
{
    void Set(string name, string value);
}
