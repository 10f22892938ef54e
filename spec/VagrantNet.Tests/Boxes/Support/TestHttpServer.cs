using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VagrantNet.Tests.Boxes.Support;

/// <summary>A request as the test server saw it.</summary>
internal sealed record TestRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}

/// <summary>What the test server answers; <see cref="DropAfter"/> closes the connection after that many body bytes.</summary>
internal sealed class TestResponse
{
    public int Status { get; init; } = 200;

    public Dictionary<string, string> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    public int? DropAfter { get; init; }

    public bool HeadOnly { get; init; }

    /// <summary>A body with no Content-Length that never ends (until the client hangs up, or 4 GiB as a hang guard).</summary>
    public bool Endless { get; init; }

    public static TestResponse NotFound() => new() { Status = 404 };

    public static TestResponse Json(TestRequest request, string json) => File(request, Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>Serves content as a static file server would: HEAD, Range (unless <paramref name="honorRange"/> is false) and If-Range against the ETag.</summary>
    public static TestResponse File(TestRequest request, byte[] content, string contentType = "application/octet-stream", string? etag = "\"v1\"", bool honorRange = true, int? dropAfter = null)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = contentType };
        if (etag is not null)
        {
            headers["ETag"] = etag;
        }

        var range = request.Header("range");
        var ifRange = request.Header("if-range");
        if (honorRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && (ifRange is null || ifRange == etag))
        {
            var parts = range["bytes=".Length..].Split('-');
            var from = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var to = parts[1].Length == 0 ? content.Length - 1 : Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), content.Length - 1);
            if (from >= content.Length)
            {
                headers["Content-Range"] = $"bytes */{content.Length}";
                return new TestResponse { Status = 416, Headers = headers, HeadOnly = request.Method == "HEAD" };
            }

            headers["Content-Range"] = $"bytes {from}-{to}/{content.Length}";
            return new TestResponse { Status = 206, Headers = headers, Body = content[(int)from..(int)(to + 1)], DropAfter = dropAfter, HeadOnly = request.Method == "HEAD" };
        }

        return new TestResponse { Headers = headers, Body = content, DropAfter = dropAfter, HeadOnly = request.Method == "HEAD" };
    }
}

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (one request per connection) whose answers the test decides, including
/// connections dropped halfway through a body. Nothing leaves the loopback interface.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<TestRequest, TestResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TestHttpServer(Func<TestRequest, TestResponse> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public ConcurrentQueue<TestRequest> Requests { get; } = new();

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                var response = _handler(request);
                var head = new StringBuilder();
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n");
                foreach (var (name, value) in response.Headers)
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }

                head.Append(response.Endless ? "Connection: close\r\n\r\n" : string.Create(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                if (response.Endless && request.Method != "HEAD")
                {
                    var chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < 4L << 30; sent += chunk.Length)
                    {
                        await stream.WriteAsync(chunk, _stop.Token);
                    }
                }
                else if (request.Method != "HEAD" && !response.HeadOnly)
                {
                    var length = Math.Min(response.DropAfter ?? response.Body.Length, response.Body.Length);
                    await stream.WriteAsync(response.Body.AsMemory(0, length), _stop.Token);
                }

                // Closing now, with Content-Length promising more, is a connection dropped halfway.
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away; nothing to do.
            }
        }
    }

    private static async Task<TestRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n");
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1).Where(l => l.Contains(':')))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return new TestRequest(first[0], Uri.UnescapeDataString(first[1]), headers);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
