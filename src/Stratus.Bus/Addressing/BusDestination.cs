namespace Stratus.Bus.Addressing;

/// <summary>
/// Spring's <c>PathDestinationFactory</c>: no destination means <c>**</c> (every service); a destination with at most one
/// <c>:</c> that does not already end in <c>:**</c> means every instance of it (<c>customers</c> → <c>customers:**</c>,
/// <c>customers:9000</c> → <c>customers:9000:**</c>); anything longer is taken as it is.
/// </summary>
internal static class BusDestination
{
    public const string Everyone = "**";

    public static string From(string? destination)
    {
        if (string.IsNullOrEmpty(destination) || destination == Everyone)
        {
            return Everyone;
        }

        return destination.Count(c => c == ':') <= 1 && !destination.EndsWith(":**", StringComparison.OrdinalIgnoreCase)
            ? destination + ":**"
            : destination;
    }

    /// <summary>Spring's <c>@Selector(match = ALL_REMAINING)</c> joins the remaining path segments with <c>:</c>.</summary>
    public static string? FromPath(string? remainingPath)
    {
        if (string.IsNullOrEmpty(remainingPath))
        {
            return null;
        }

        var segments = remainingPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? null : string.Join(':', segments);
    }
}
