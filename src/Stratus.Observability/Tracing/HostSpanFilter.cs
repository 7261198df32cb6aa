using System.Diagnostics;

namespace Stratus.Observability.Tracing;

/// <summary>
/// Tells this host's spans from another host's in the same process. OpenTelemetry listens to activity sources by name, so
/// two hosts in one process (tests, or an app hosting two web apps) would each export the other's requests under their own
/// service name. ASP.NET Core gives every host its own <c>Microsoft.AspNetCore</c> source instance: a span belongs to this
/// host unless its local root is a request of another host.
/// </summary>
internal sealed class HostSpanFilter(ActivitySource? hostSource)
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const int MaxDepth = 64;

    public bool IsOwn(Activity activity)
    {
        if (hostSource is null)
        {
            return true;
        }

        var current = activity;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++, current = current.Parent)
        {
            if (current.Source.Name == AspNetCoreSource)
            {
                return ReferenceEquals(current.Source, hostSource);
            }
        }

        return true;
    }
}
