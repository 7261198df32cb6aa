using Stratus.Gateway.Filters;

namespace Stratus.Gateway.Proxy;

/// <summary>
/// Repeats an upstream call as the route's <see cref="RetryPolicy"/> allows: on a retryable status the answer is
/// dropped unread and the request sent again (through the load balancer, to the next instance), after the back-off.
/// Requests without a policy pass straight through.
/// </summary>
internal sealed class RetryingHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(RetryPolicy.Key, out var policy))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt <= policy.Retries && !cancellationToken.IsCancellationRequested
                                      && e is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                await Task.Delay(policy.Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt > policy.Retries || !policy.RetriesStatus((int)response.StatusCode))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(policy.Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
