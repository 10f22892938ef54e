using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VagrantNet.Tests.Support;

/// <summary>
/// The client half of the Language Server Protocol over a server's stdin/stdout: JSON-RPC messages framed by a
/// <c>Content-Length</c> header. Enough to drive a real language server in a test; the server's stderr and its
/// <c>window/logMessage</c> notifications are kept for the failure message.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private int _nextId;

    private LspClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>What the server said on its own: its log notifications and its stderr.</summary>
    public string ServerOutput
    {
        get
        {
            lock (_stderr)
            {
                return $"window/logMessage:\n{string.Join('\n', _log)}\nstderr:\n{_stderr}";
            }
        }
    }

    /// <summary>Starts the server (<paramref name="start"/> must not redirect anything yet: this does).</summary>
    public static LspClient Start(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new LspClient(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
    }

    /// <summary>Sends a request and waits for its result; an error response throws <see cref="LspErrorException"/>.</summary>
    public async Task<JsonElement> RequestAsync(string method, object parameters, CancellationToken cancellation)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) }, cancellation);
        using (cancellation.Register(() => response.TrySetCanceled(cancellation)))
        {
            return await response.Task;
        }
    }

    public Task NotifyAsync(string method, object parameters, CancellationToken cancellation) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) }, cancellation);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var polite = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await RequestAsync("shutdown", new { }, polite.Token);
            await NotifyAsync("exit", new { }, polite.Token);
            await _process.WaitForExitAsync(polite.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or LspErrorException or InvalidOperationException)
        {
            // A server that will not stop when asked is stopped: it must not outlive the test.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _writeGate.Dispose();
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeGate.WaitAsync(cancellation);
        try
        {
            await _input.WriteAsync(header, cancellation);
            await _input.WriteAsync(body, cancellation);
            await _input.FlushAsync(cancellation);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadAsync()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(output) is { } message)
            {
                await DispatchAsync(message);
            }
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException($"The language server closed its output.\n{ServerOutput}"));
            }
        }
    }

    private async Task DispatchAsync(JsonElement message)
    {
        var hasId = message.TryGetProperty("id", out var id);
        if (message.TryGetProperty("method", out var method))
        {
            if (hasId)
            {
                // A request from the server (workspace/configuration, client/registerCapability, ...): an empty answer is
                // a valid one for each of those a test meets, and an unanswered one would stall the server.
                await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = null }, CancellationToken.None);
            }
            else if (method.GetString() is "window/logMessage" or "window/showMessage")
            {
                _log.Enqueue(message.GetProperty("params").GetProperty("message").GetString() ?? string.Empty);
            }

            return;
        }

        if (hasId && id.ValueKind == JsonValueKind.Number && _pending.TryRemove(id.GetInt32(), out var response))
        {
            if (message.TryGetProperty("error", out var error))
            {
                response.TrySetException(new LspErrorException(error.GetRawText()));
            }
            else
            {
                response.TrySetResult(message.TryGetProperty("result", out var result) ? result.Clone() : default);
            }
        }
    }

    /// <summary>One framed message, or null at the end of the stream.</summary>
    private static async Task<JsonElement?> ReadMessageAsync(Stream output)
    {
        int? length = null;
        while (await ReadHeaderLineAsync(output) is { } line)
        {
            if (line.Length == 0)
            {
                if (length is null)
                {
                    throw new InvalidDataException("An LSP message came without a Content-Length header.");
                }

                var body = new byte[length.Value];
                await output.ReadExactlyAsync(body);
                using var document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream output)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await output.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}

/// <summary>The server answered a request with an error (often: not ready yet).</summary>
internal sealed class LspErrorException(string error) : Exception($"The language server answered with an error: {error}");
