namespace Stratus.Management.Http;

/// <summary>
/// Spring's exposure rule: an endpoint is exposed when included (by id or <c>*</c>) and not excluded (by id or <c>*</c>);
/// an empty include list means <c>health,info</c>. Entries may hold comma-separated ids.
/// </summary>
internal sealed class EndpointExposure
{
    private readonly HashSet<string> _include;
    private readonly HashSet<string> _exclude;

    public EndpointExposure(ManagementExposureOptions options)
    {
        _include = Split(options.Include);
        _exclude = Split(options.Exclude);
        if (_include.Count == 0)
        {
            _include.Add(EndpointIds.Health);
            _include.Add(EndpointIds.Info);
        }
    }

    public bool IsExposed(string id) =>
        (_include.Contains("*") || _include.Contains(id)) && !_exclude.Contains("*") && !_exclude.Contains(id);

    private static HashSet<string> Split(IEnumerable<string> entries) =>
        entries.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
