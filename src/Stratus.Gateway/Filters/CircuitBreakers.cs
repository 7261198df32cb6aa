using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;

namespace Stratus.Gateway.Filters;

/// <summary>
/// One Polly circuit breaker per name, made on first use with the settings of <c>Stratus:Gateway:CircuitBreakers:{name}</c>
/// (or the defaults), and kept across route reloads so a reload does not close an open breaker.
/// </summary>
internal sealed class CircuitBreakers(Func<string, CircuitBreakerSettings> settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<int>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<int> Get(string name, IReadOnlyList<int> statusCodes) => _pipelines.GetOrAdd(name, n =>
    {
        var s = settings(n);
        return new ResiliencePipelineBuilder<int> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<int>
            {
                Name = n,
                FailureRatio = s.FailureRatio,
                MinimumThroughput = s.MinimumThroughput,
                SamplingDuration = s.SamplingDuration,
                BreakDuration = s.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result >= 500 || statusCodes.Contains(args.Outcome.Result)),
            })
            .Build();
    });
}
