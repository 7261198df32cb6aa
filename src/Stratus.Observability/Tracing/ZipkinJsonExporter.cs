using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenTelemetry;

namespace Stratus.Observability.Tracing;

/// <summary>
/// Posts Zipkin v2 JSON to <c>/api/v2/spans</c>. Our own, because OpenTelemetry's Zipkin exporter is marked obsolete in favour
/// of OTLP while Spring shops still run Zipkin; this one is a JSON writer and one POST, with nothing reflective for AOT.
/// </summary>
internal sealed class ZipkinJsonExporter : BaseExporter<Activity>
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _endpoint;
    private readonly string _serviceName;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    public ZipkinJsonExporter(Uri endpoint, TimeSpan timeout, string serviceName, HttpMessageHandler? handler = null)
    {
        _endpoint = endpoint;
        _serviceName = serviceName;

        // Not from IHttpClientFactory: the factory's handlers carry the app's logging and resilience handlers, and an export
        // must neither log per request nor retry into a queue that is already full.
        _client = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = timeout };
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        // The export's own HTTP call must not become a span, which would be exported in turn.
        using var suppress = SuppressInstrumentationScope.Begin();
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartArray();
            foreach (var activity in batch)
            {
                ZipkinSpanWriter.WriteSpan(writer, activity, _serviceName);
            }

            writer.WriteEndArray();
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ReadOnlyMemoryContent(_buffer.WrittenMemory) };
            request.Content.Headers.ContentType = Json;
            using var response = _client.Send(request, _shutdown.Token);
            return response.IsSuccessStatusCode ? ExportResult.Success : ExportResult.Failure;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return ExportResult.Failure;
        }
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        _shutdown.Cancel();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
            _shutdown.Dispose();
        }

        base.Dispose(disposing);
    }
}
