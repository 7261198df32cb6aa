using System.Globalization;
using System.Text;

namespace Stratus.Eureka;

/// <summary>Eureka's <c>apps__hashcode</c>, which clients compare after applying a delta.</summary>
public static class ReconcileHash
{
    /// <summary>
    /// <c>STATUS_count_</c> per status, statuses in alphabetical order (a Java TreeMap), counted over every instance.
    /// </summary>
    /// <param name="applications">All applications of the registry.</param>
    /// <returns>For example <c>DOWN_1_UP_2_</c>; empty for an empty registry.</returns>
    public static string Compute(IEnumerable<EurekaApplication> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var app in applications)
        {
            foreach (var instance in app.Instances)
            {
                var key = instance.Status.ToWire();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var builder = new StringBuilder();
        foreach (var (status, count) in counts)
        {
            builder.Append(status).Append('_').Append(count.ToString(CultureInfo.InvariantCulture)).Append('_');
        }

        return builder.ToString();
    }
}
