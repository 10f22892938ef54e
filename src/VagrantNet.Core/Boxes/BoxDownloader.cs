using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>A network failure worth another try (a dropped connection, a stall, a 5xx).</summary>
public sealed class TransientDownloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A download stopped because the disk would fill; the partial file is removed, not kept for resuming.</summary>
internal sealed class DownloadTooLargeException(string message) : Exception(message);

/// <summary>
/// HTTP for boxes: catalog fetches, a probe telling a catalog from a box, and streamed box downloads to
/// <c>$VNET_HOME/tmp/box&lt;hash of box name and url&gt;</c> that resume with Range/If-Range after a dropped connection or a
/// later run, and start over cleanly when the server ignores Range. Transient errors are retried with Polly.
/// </summary>
public sealed class BoxDownloader : IDisposable
{
    /// <summary>How often (in bytes written) a growing download measures the free space again.</summary>
    private const long CheckEvery = 64L << 20;

    private const int MaxRedirects = 10;

    private readonly HttpClient _http;
    private readonly BoxAddSettings _settings;
    private readonly ILogger _logger;

    public BoxDownloader(BoxAddSettings settings, bool insecure, string? caCert, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            // Redirects are followed in SendAsync, which refuses one to file:// (HttpClient fails on it with a UriFormatException).
            AllowAutoRedirect = false,
        };
        if (insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (caCert is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustCertificates(caCert);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"vnet/{typeof(BoxDownloader).Assembly.GetName().Version?.ToString(3) ?? "0"}");
    }

    /// <summary>
    /// The temporary file a URL downloads to: <c>box</c> + SHA-1 of the box name and the URL. The name is part of
    /// it because adds of one URL under two names hold two different box locks and must not share one file.
    /// </summary>
    public static string DownloadPath(VnetPaths paths, Uri url, string box) =>
        Path.Combine(paths.Temp, "box" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(box + "\n" + url.AbsoluteUri))));

    /// <summary>Whether the URL serves a catalog (JSON by Content-Type, or by its first bytes) rather than a box.</summary>
    public async Task<bool> IsCatalogAsync(Uri url, CancellationToken cancellation) =>
        await ReachAsync(url, cancellation, token => Pipeline(null).ExecuteAsync(
            async token =>
            {
                using (var head = new HttpRequestMessage(HttpMethod.Head, url))
                {
                    head.Headers.Accept.ParseAdd("application/json, */*;q=0.5");
                    using var response = await SendAsync(head, token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType is { } type)
                    {
                        if (IsJsonType(type))
                        {
                            return true;
                        }

                        if (type is "application/octet-stream" or "application/gzip" or "application/x-gzip" or "application/x-tar"
                            or "application/zstd" or "application/x-xz" or "application/x-bzip2" or "application/vnd.vagrant.box")
                        {
                            return false;
                        }
                    }
                }

                // No useful Content-Type: look at the first bytes.
                using var sniff = new HttpRequestMessage(HttpMethod.Get, url);
                sniff.Headers.Range = new RangeHeaderValue(0, 1023);
                sniff.Headers.Accept.ParseAdd("application/json, */*;q=0.5");
                using var answer = await SendAsync(sniff, token).ConfigureAwait(false);
                ThrowForStatus(answer, url);
                if (answer.Content.Headers.ContentType?.MediaType is { } media && IsJsonType(media))
                {
                    return true;
                }

                await using var body = await answer.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                var head1K = new byte[1024];
                var read = await body.ReadAtLeastAsync(head1K, head1K.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                return BoxArchive.LooksLikeJson(head1K.AsSpan(0, read));
            },
            token)).ConfigureAwait(false);

    /// <summary>Fetches a catalog document (bounded in size).</summary>
    public async Task<byte[]> FetchCatalogAsync(Uri url, CancellationToken cancellation) =>
        await ReachAsync(url, cancellation, token => Pipeline(null).ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await SendAsync(request, token).ConfigureAwait(false);
                ThrowForStatus(response, url);
                if (response.Content.Headers.ContentLength > BoxCatalog.MaxBytes)
                {
                    throw new VnetException($"The box catalog at {UrlText.Redact(url)} is larger than {BoxCatalog.MaxBytes >> 20} MiB.");
                }

                await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                using var memory = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await ReadWithIdleTimeoutAsync(body, buffer, token).ConfigureAwait(false)) > 0)
                {
                    memory.Write(buffer, 0, read);
                    if (memory.Length > BoxCatalog.MaxBytes)
                    {
                        throw new VnetException($"The box catalog at {UrlText.Redact(url)} is larger than {BoxCatalog.MaxBytes >> 20} MiB.");
                    }
                }

                return memory.ToArray();
            },
            token)).ConfigureAwait(false);

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/>, resuming a partial file left by an earlier
    /// attempt when the server still serves the same content (If-Range), and starting over when it does not.
    /// </summary>
    public async Task DownloadAsync(Uri url, string destination, string box, IMachineUi ui, CancellationToken cancellation)
    {
        try
        {
            await Pipeline(ui).ExecuteAsync(async token => await AttemptAsync(url, destination, ui, token).ConfigureAwait(false), cancellation).ConfigureAwait(false);
        }
        catch (DownloadTooLargeException e)
        {
            File.Delete(destination);
            File.Delete(destination + ".resume");
            throw new VnetException($"Box '{box}' was not downloaded from {UrlText.Redact(url)}: {e.Message}. The partial download was removed; the box store is unchanged.", e);
        }
        catch (Exception e) when (IsNetworkFailure(e) && !cancellation.IsCancellationRequested)
        {
            throw new VnetException($"Box '{box}' could not be downloaded from {UrlText.Redact(url)}: {Describe(e)} The partial download is kept and the next `vnet box add` resumes it (--clean starts over); the box store is unchanged.", e);
        }
    }

    /// <summary>Runs a catalog request, turning what the network did into a user error naming the URL.</summary>
    private static async Task<T> ReachAsync<T>(Uri url, CancellationToken cancellation, Func<CancellationToken, ValueTask<T>> request)
    {
        try
        {
            return await request(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (IsNetworkFailure(e) && !cancellation.IsCancellationRequested)
        {
            throw new VnetException($"{UrlText.Redact(url)} could not be read: {Describe(e)}", e);
        }
    }

    private static bool IsNetworkFailure(Exception e) => e is TransientDownloadException or HttpRequestException or IOException or TimeoutException;

    /// <summary>The failure in words, ending with a full stop; a refused connection says so rather than quoting the socket.</summary>
    private static string Describe(Exception e)
    {
        var text = e switch
        {
            HttpRequestException h when IsRefused(h) => "the connection was refused (nothing listens there, or a firewall rejects it)",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved",
            _ => e.Message,
        };
        return text.EndsWith('.') ? text : text + ".";
    }

    private static bool IsRefused(HttpRequestException e) =>
        e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };

    private async Task AttemptAsync(Uri url, string destination, IMachineUi ui, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var validatorPath = destination + ".resume";
        var existing = File.Exists(destination) ? new FileInfo(destination).Length : 0;
        var validator = ReadValidator(validatorPath, url);
        if (existing > 0 && validator is null)
        {
            // A partial file nobody can vouch for: start over.
            File.Delete(destination);
            existing = 0;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
            request.Headers.IfRange = validator!.StartsWith('"')
                ? new RangeConditionHeaderValue(new EntityTagHeaderValue(validator))
                : new RangeConditionHeaderValue(DateTimeOffset.ParseExact(validator, "R", System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await SendAsync(request, cancellation).ConfigureAwait(false);
        long offset;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when existing > 0:
                if (response.Content.Headers.ContentRange?.From != existing)
                {
                    File.Delete(destination);
                    throw new TransientDownloadException("the server resumed at another offset than asked");
                }

                offset = existing;
                _logger.LogDebug("Resuming {Url} at byte {Offset}", UrlText.Redact(url), offset);
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when existing > 0:
                if (response.Content.Headers.ContentRange?.Length == existing)
                {
                    return;
                }

                File.Delete(destination);
                throw new TransientDownloadException("the server refused to resume the partial download");
            case HttpStatusCode.OK:
                if (existing > 0)
                {
                    ui.Detail("The server does not resume downloads; starting over.");
                }

                offset = 0;
                break;
            default:
                ThrowForStatus(response, url);
                throw new TransientDownloadException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var directory = Path.GetDirectoryName(destination)!;
        var reserve = _settings.FreeSpaceReserve;
        var room = _settings.FreeSpace(directory) - reserve;
        var length = response.Content.Headers.ContentLength;
        if (length > room)
        {
            throw new DownloadTooLargeException($"it is {length} bytes, but only {Math.Max(0, room)} bytes fit in {directory} while keeping {reserve} bytes free");
        }

        WriteValidator(validatorPath, url, response);
        var total = length is null ? (long?)null : offset + length.Value;
        var progress = ui.Progress("Downloading", total);

        // Where this transfer starts: a resumed download's rate counts only the bytes it fetches now.
        progress.Report(offset);
        await using var body = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        await using var file = new FileStream(destination, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        file.SetLength(offset);
        file.Position = offset;
        var buffer = new byte[1 << 20];
        var done = offset;
        int read;
        var nextCheck = offset + CheckEvery;
        while ((read = await ReadWithIdleTimeoutAsync(body, buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            if (done + read > total)
            {
                throw new DownloadTooLargeException($"the server sent more than the {length} bytes its Content-Length announced");
            }

            // Without a Content-Length the body could be endless: stop when it would eat the space kept free,
            // measured at the start and again as it grows (other writers share the disk).
            if (done + read - offset > room || (done + read >= nextCheck && _settings.FreeSpace(directory) - read < reserve))
            {
                throw new DownloadTooLargeException($"it grew past {done + read - offset} bytes{(length is null ? " (the server gave no Content-Length)" : string.Empty)}, more than fit in {directory} while keeping {reserve} bytes free");
            }

            if (done + read >= nextCheck)
            {
                nextCheck = done + read + CheckEvery;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
            done += read;
            progress.Report(done);
        }

        if (total is not null && done != total)
        {
            throw new TransientDownloadException($"the connection closed after {done} of {total} bytes");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        var url = request.RequestUri!;
        if (url.UserInfo.Length > 0)
        {
            // user:pass@ in a box URL is HTTP basic authentication (as curl does for Vagrant); it never goes on the wire in the URL.
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));
            request.RequestUri = new Uri(UrlText.WithoutUserInfo(url));
        }

        for (var redirects = 0; ; redirects++)
        {
            var response = await SendOnceAsync(request, url, cancellation).ConfigureAwait(false);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || redirects == MaxRedirects)
            {
                return response;
            }

            var from = request.RequestUri!;
            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            response.Dispose();
            if (target.Scheme is not ("http" or "https") || (from.Scheme == "https" && target.Scheme == "http"))
            {
                throw new VnetException($"{UrlText.Redact(url)} redirects to {UrlText.Redact(target)}, which vnet does not follow: it follows redirects to http(s) URLs only, and never from https to http.");
            }

            var next = new HttpRequestMessage(request.Method, new Uri(UrlText.WithoutUserInfo(target)));
            foreach (var (name, values) in request.Headers)
            {
                // Credentials go to the origin they were given for, never to where it redirects.
                if (name != "Authorization" || (target.Host == from.Host && target.Port == from.Port && target.Scheme == from.Scheme))
                {
                    next.Headers.TryAddWithoutValidation(name, values);
                }
            }

            request = next;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, Uri url, CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        idle.CancelAfter(_settings.IdleTimeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{UrlText.Redact(url)} did not answer within {_settings.IdleTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<int> ReadWithIdleTimeoutAsync(Stream body, byte[] buffer, CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        idle.CancelAfter(_settings.IdleTimeout);
        try
        {
            return await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"the transfer stalled for {_settings.IdleTimeout.TotalSeconds:0} s");
        }
    }

    private ResiliencePipeline Pipeline(IMachineUi? ui) =>
        new ResiliencePipelineBuilder { TimeProvider = _settings.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, _settings.RetryAttempts),
                Delay = _settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder()
                    .Handle<TransientDownloadException>()
                    .Handle<TimeoutException>()
                    .Handle<IOException>()
                    // A refused connection means nothing listens: waiting a minute for it to start listening helps nobody.
                    .Handle<HttpRequestException>(e => !IsRefused(e) && (e.StatusCode is null || IsTransient(e.StatusCode.Value))),
                OnRetry = args =>
                {
                    _logger.LogDebug("Retrying after a network error (attempt {Attempt}): {Error}", args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    ui?.Detail($"Network error ({args.Outcome.Exception?.Message}); retrying...");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static void ThrowForStatus(HttpResponseMessage response, Uri url)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var shown = UrlText.Redact(url);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            // HttpClient follows redirects between http(s) URLs only; one it did not follow is refused, never read as a box.
            var target = response.Headers.Location is { } location ? UrlText.Redact(location.IsAbsoluteUri ? location : new Uri(url, location)) : "nowhere";
            throw new VnetException($"{shown} redirects to {target}, which vnet does not follow: it follows redirects to http(s) URLs only, and never from https to http.");
        }

        var message = $"{shown} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        if (IsTransient(response.StatusCode))
        {
            throw new TransientDownloadException(message);
        }

        throw new VnetException(response.StatusCode == HttpStatusCode.NotFound
            ? $"{message}: there is no box or catalog at that address."
            : $"{message}.");
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsJsonType(string mediaType) =>
        mediaType is "application/json" or "text/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>
    /// What identifies the content being downloaded: a strong ETag, else Last-Modified. A file that is unreadable,
    /// for another URL, or holding a validator that is neither counts as no validator: the download starts over.
    /// </summary>
    private static string? ReadValidator(string path, Uri url)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 64 * 1024)
            {
                return null;
            }

            var saved = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
            var validator = saved is not null && saved.GetValueOrDefault("url") == UrlText.WithoutUserInfo(url) ? saved.GetValueOrDefault("validator") : null;
            return validator is null ? null
                : validator.StartsWith('"') ? (EntityTagHeaderValue.TryParse(validator, out var tag) && !tag.IsWeak ? validator : null)
                : DateTimeOffset.TryParseExact(validator, "R", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) ? validator
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteValidator(string path, Uri url, HttpResponseMessage response)
    {
        var etag = response.Headers.ETag;
        var validator = etag is { IsWeak: false } ? etag.Tag
            : response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (validator is null)
        {
            File.Delete(path);
            return;
        }

        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = UrlText.WithoutUserInfo(url), ["validator"] = validator }));
    }

    private static RemoteCertificateValidationCallback TrustCertificates(string caCert)
    {
        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPemFile(caCert);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new VnetException($"The CA certificate file '{caCert}' could not be read: {e.Message}", e);
        }

        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }

    public void Dispose() => _http.Dispose();
}
