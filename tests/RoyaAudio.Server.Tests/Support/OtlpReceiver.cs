using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>
/// An OTLP/HTTP collector on 127.0.0.1 that keeps the spans posted to <c>/v1/traces</c> (protobuf) and
/// accepts anything else (metrics, logs). The protobuf is read by a small field walker, so the test
/// depends on the wire format alone.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedSpan> _spans = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveAsync);
        app.MapPost("/{**signal}", () => Results.Ok());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        // In one test process every host's ASP.NET Core spans reach the service's tracer, this receiver's own included.
        var spans = TraceRequest.Read(body.ToArray()).Where(s => !s.Name.StartsWith("POST /v1/", StringComparison.Ordinal) && !s.Name.StartsWith("POST /{**", StringComparison.Ordinal));
        lock (_spans)
        {
            _spans.AddRange(spans);
        }

        return Results.Ok();
    }

    /// <summary>Waits until the spans received satisfy <paramref name="enough"/>.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> enough, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (enough(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the spans wanted did not arrive within {timeout}; received: " +
                    string.Join("; ", spans.Select(s => $"{s.Scope}/{s.Name} trace {s.TraceId}")));
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// ExportTraceServiceRequest: resource_spans = 1 → ResourceSpans: scope_spans = 2 → ScopeSpans: scope = 1
    /// (InstrumentationScope: name = 1), spans = 2 → Span: trace_id = 1, span_id = 2, parent_span_id = 4,
    /// name = 5, attributes = 9 (KeyValue: key = 1, value = 2 → AnyValue: string_value = 1, int_value = 3).
    /// </summary>
    private static class TraceRequest
    {
        public static List<ReceivedSpan> Read(byte[] request)
        {
            var spans = new List<ReceivedSpan>();
            foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
            {
                foreach (var scopeSpans in Fields(resourceSpans.Bytes).Where(f => f.Number == 2))
                {
                    var scope = "";
                    foreach (var field in Fields(scopeSpans.Bytes))
                    {
                        if (field.Number == 1)
                        {
                            scope = Fields(field.Bytes).Where(f => f.Number == 1).Select(f => Text(f.Bytes)).FirstOrDefault() ?? "";
                        }
                        else if (field.Number == 2)
                        {
                            spans.Add(Span(scope, field.Bytes));
                        }
                    }
                }
            }

            return spans;
        }

        private static ReceivedSpan Span(string scope, byte[] span)
        {
            string traceId = "", spanId = "", parentId = "", name = "";
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in Fields(span))
            {
                switch (field.Number)
                {
                    case 1: traceId = Convert.ToHexStringLower(field.Bytes); break;
                    case 2: spanId = Convert.ToHexStringLower(field.Bytes); break;
                    case 4: parentId = Convert.ToHexStringLower(field.Bytes); break;
                    case 5: name = Text(field.Bytes); break;
                    case 9:
                        var key = "";
                        string? value = null;
                        foreach (var part in Fields(field.Bytes))
                        {
                            if (part.Number == 1)
                            {
                                key = Text(part.Bytes);
                            }
                            else if (part.Number == 2)
                            {
                                var any = Fields(part.Bytes).FirstOrDefault();
                                value = any.Number switch
                                {
                                    1 => Text(any.Bytes),
                                    3 => ((long)any.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                                    _ => null,
                                };
                            }
                        }

                        if (value is not null)
                        {
                            attributes[key] = value;
                        }

                        break;
                }
            }

            return new ReceivedSpan(scope, name, traceId, spanId, parentId, attributes);
        }

        private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

        private static List<Field> Fields(byte[] message)
        {
            var fields = new List<Field>();
            var position = 0;
            while (position < message.Length)
            {
                var tag = Varint(message, ref position);
                var number = (int)(tag >> 3);
                switch ((int)(tag & 7))
                {
                    case 0:
                        fields.Add(new Field(number, [], Varint(message, ref position)));
                        break;
                    case 1:
                        fields.Add(new Field(number, message[position..(position + 8)], 0));
                        position += 8;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref position);
                        fields.Add(new Field(number, message[position..(position + length)], 0));
                        position += length;
                        break;
                    case 5:
                        fields.Add(new Field(number, message[position..(position + 4)], 0));
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {tag & 7} at byte {position} is not one OTLP uses");
                }
            }

            return fields;
        }

        private static ulong Varint(byte[] message, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message[position++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        private readonly record struct Field(int Number, byte[] Bytes, ulong Varint);
    }
}

/// <summary>One span as exported: hex ids (parent empty for a root), its scope (the ActivitySource) and its string or integer attributes.</summary>
public sealed record ReceivedSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes);
