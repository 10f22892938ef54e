using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Renci.SshNet;
using Renci.SshNet.Common;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Communication;

/// <summary>
/// The SSH communicator, on SSH.NET. Commands of a whole vnet command share one connection (opened
/// on first use, re-opened after <see cref="ResetAsync"/> or when it dropped); file transfers share a
/// second, SFTP one, opened only when something is transferred. The host key is pinned per machine,
/// and on the first connection with Vagrant's insecure key a fresh key replaces it in the guest.
/// </summary>
public sealed class SshCommunicator : ICommunicator
{
    private const int StderrTailLimit = 16 * 1024;

    private readonly IMachine _machine;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SshClient? _client;
    private SftpClient? _sftp;
    private ConnectionInfo? _connectionInfo;
    private HostKeyPin? _pin;
    private string? _hostKeyError;
    private bool _insertingKey;
    private bool _disposed;
    private IReadOnlyList<string> _keyPaths = [];

    public SshCommunicator(IMachine machine, TimeProvider? time = null)
    {
        _machine = machine;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long to wait between attempts in <see cref="WaitForReadyAsync"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many connections this communicator opened so far (SSH and SFTP): for diagnostics and tests.</summary>
    public int ConnectionsOpened { get; private set; }

    public async Task<bool> ReadyAsync(CancellationToken cancellation)
    {
        try
        {
            await ClientAsync(cancellation).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsTransient(e))
        {
            _machine.Logger.LogDebug("SSH not ready: {Error}", e.Message);
            return false;
        }
    }

    public async Task WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        Exception? last = null;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddTimeout(timeout > TimeSpan.FromMilliseconds(10) ? timeout : TimeSpan.FromMilliseconds(10))
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = RetryDelay,
                OnRetry = args =>
                {
                    last = args.Outcome.Exception;
                    _machine.Logger.LogDebug("Waiting for SSH (attempt {Attempt}): {Error}", args.AttemptNumber + 1, last?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async token => await ClientAsync(token).ConfigureAwait(false), cancellation).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new VnetException(
                $"Machine '{_machine.Name}' did not answer SSH within {timeout.TotalSeconds:0} seconds (vm.boot_timeout)." +
                (last is null ? string.Empty : $" Last error: {Describe(last)}") +
                " The guest may still be booting, or its network or SSH server may be misconfigured.");
        }
    }

    public async Task<int> ExecuteAsync(string command, ExecuteOptions? options, CancellationToken cancellation)
    {
        options ??= new ExecuteOptions();
        var client = await ClientAsync(cancellation).ConfigureAwait(false);
        var line = Wrap(command, options);
        if (!options.Sensitive)
        {
            _machine.Logger.LogDebug("ssh exec: {Command}", line);
        }

        var stderrTail = new StringBuilder();
        using var ssh = client.CreateCommand(line);
        try
        {
            var run = ssh.ExecuteAsync(cancellation);
            await Task.WhenAll(
                PumpAsync(ssh.OutputStream, text =>
                {
                    if (!options.Sensitive)
                    {
                        _machine.Logger.LogTrace("stdout: {Line}", text);
                    }

                    options.OnStdout?.Invoke(text);
                }),
                PumpAsync(ssh.ExtendedOutputStream, text =>
                {
                    if (!options.Sensitive)
                    {
                        _machine.Logger.LogTrace("stderr: {Line}", text);
                    }

                    if (stderrTail.Length < StderrTailLimit)
                    {
                        stderrTail.AppendLine(text);
                    }

                    options.OnStderr?.Invoke(text);
                }),
                run).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or ObjectDisposedException && !cancellation.IsCancellationRequested)
        {
            throw new SshConnectionLostException(_machine.Name, e);
        }

        var exit = ssh.ExitStatus ?? -1;
        if (!options.Sensitive)
        {
            _machine.Logger.LogDebug("ssh exit {Exit}{Signal}", exit, ssh.ExitSignal is null ? string.Empty : " signal " + ssh.ExitSignal);
        }

        if (exit != 0 && options.ErrorOnFailure)
        {
            throw new RemoteCommandException(options.Sensitive ? "(sensitive command hidden)" : command, exit, options.Sensitive ? string.Empty : stderrTail.ToString());
        }

        return exit;
    }

    public async Task<bool> TestAsync(string command, bool sudo, CancellationToken cancellation) =>
        await ExecuteAsync(command, new ExecuteOptions { Sudo = sudo, ErrorOnFailure = false }, cancellation).ConfigureAwait(false) == 0;

    public async Task UploadAsync(string localPath, string remotePath, CancellationToken cancellation)
    {
        var sftp = await SftpAsync(cancellation).ConfigureAwait(false);
        var remote = ExpandHome(sftp, remotePath);
        _machine.Logger.LogDebug("Uploading {Local} to {Remote}", localPath, remote);
        if (Directory.Exists(localPath))
        {
            await UploadDirectoryAsync(sftp, localPath, remote, cancellation).ConfigureAwait(false);
        }
        else if (File.Exists(localPath))
        {
            if (await IsDirectoryAsync(sftp, remote, cancellation).ConfigureAwait(false))
            {
                remote = Combine(remote, Path.GetFileName(localPath));
            }

            await CreateDirectoriesAsync(sftp, Parent(remote), cancellation).ConfigureAwait(false);
            await UploadFileAsync(sftp, localPath, remote, cancellation).ConfigureAwait(false);
        }
        else
        {
            throw new VnetException($"Cannot upload '{localPath}' to machine '{_machine.Name}': no such file or directory on the host.");
        }
    }

    public async Task DownloadAsync(string remotePath, string localPath, CancellationToken cancellation)
    {
        var sftp = await SftpAsync(cancellation).ConfigureAwait(false);
        var remote = ExpandHome(sftp, remotePath);
        if (!await sftp.ExistsAsync(remote, cancellation).ConfigureAwait(false))
        {
            throw new VnetException($"Cannot download '{remotePath}' from machine '{_machine.Name}': no such file or directory in the guest.");
        }

        if (await IsDirectoryAsync(sftp, remote, cancellation).ConfigureAwait(false))
        {
            await DownloadDirectoryAsync(sftp, remote, localPath, cancellation).ConfigureAwait(false);
        }
        else
        {
            if (Directory.Exists(localPath))
            {
                localPath = Path.Combine(localPath, Path.GetFileName(remote));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localPath))!);
            await using var file = File.Create(localPath);
            await sftp.DownloadFileAsync(remote, file, cancellation).ConfigureAwait(false);
        }
    }

    public async Task ResetAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Disconnect();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await ResetAsync().ConfigureAwait(false);
        _disposed = true;
        _gate.Dispose();
    }

    /// <summary>The connected client; connects (and replaces the insecure key) when needed.</summary>
    private async Task<SshClient> ClientAsync(CancellationToken cancellation)
    {
        if (_client is { IsConnected: true } ready)
        {
            return ready;
        }

        SshClient client;
        bool insertKey;
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true } connected)
            {
                return connected;
            }

            Disconnect();
            var info = await _machine.SshInfoAsync(cancellation).ConfigureAwait(false)
                ?? throw new SshNotReadyException($"machine '{_machine.Name}' has no SSH address yet");
            _connectionInfo = ConnectionInfoFor(info);
            _pin = new HostKeyPin(info.KnownHostsFile, _machine.Name);
            client = new SshClient(_connectionInfo) { KeepAliveInterval = TimeSpan.FromSeconds(15) };
            await ConnectAsync(client, cancellation).ConfigureAwait(false);
            _client = client;
            insertKey = !_insertingKey && KeyInsertion.Needed(_machine, info);
        }
        finally
        {
            _gate.Release();
        }

        if (insertKey)
        {
            _insertingKey = true;
            try
            {
                await KeyInsertion.RunAsync(_machine, cancellation).ConfigureAwait(false);
            }
            finally
            {
                _insertingKey = false;
            }

            await ResetAsync().ConfigureAwait(false);
            return await ClientAsync(cancellation).ConfigureAwait(false);
        }

        return client;
    }

    private async Task<SftpClient> SftpAsync(CancellationToken cancellation)
    {
        // The command connection first: it carries key insertion and proves the address.
        await ClientAsync(cancellation).ConfigureAwait(false);
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_sftp is { IsConnected: true } ready)
            {
                return ready;
            }

            _sftp?.Dispose();
            _sftp = new SftpClient(_connectionInfo!);
            await ConnectAsync(_sftp, cancellation).ConfigureAwait(false);
            return _sftp;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ConnectAsync(BaseClient client, CancellationToken cancellation)
    {
        _hostKeyError = null;
        var info = client.ConnectionInfo;
        client.HostKeyReceived += (_, e) =>
        {
            _hostKeyError = _pin?.Check(info.Host, info.Port, e.HostKey);
            e.CanTrust = _hostKeyError is null;
        };
        try
        {
            await client.ConnectAsync(cancellation).ConfigureAwait(false);
            ConnectionsOpened++;
        }
        catch (Exception e) when (_hostKeyError is not null)
        {
            client.Dispose();
            throw new VnetException(_hostKeyError, e);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            var keys = info.AuthenticationMethods.OfType<PrivateKeyAuthenticationMethod>().Any() ? string.Join(", ", _keyPaths) : "no key";
            throw new VnetException(
                $"SSH authentication failed for machine '{_machine.Name}' ({info.Username}@{info.Host}:{info.Port}) with {keys}" +
                $"{(info.AuthenticationMethods.OfType<PasswordAuthenticationMethod>().Any() ? " and the configured password" : string.Empty)}: {e.Message}. " +
                "The guest does not accept these credentials; check config.Ssh (username, private_key_path, password) and the box's authorized keys.",
                e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private ConnectionInfo ConnectionInfoFor(SshInfo info)
    {
        var methods = new List<AuthenticationMethod>();
        _keyPaths = info.PrivateKeyPaths.Where(File.Exists).ToList();
        if (_keyPaths.Count > 0)
        {
            var keys = _keyPaths.Select(path =>
            {
                try
                {
                    return (IPrivateKeySource)new PrivateKeyFile(path);
                }
                catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or NotSupportedException or IOException)
                {
                    throw new VnetException($"Machine '{_machine.Name}': cannot use the SSH private key {path}: {e.Message}", e);
                }
            }).ToArray();
            methods.Add(new PrivateKeyAuthenticationMethod(info.Username, keys));
        }

        if (info.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(info.Username, password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(info.Username);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            methods.Add(interactive);
        }

        if (methods.Count == 0)
        {
            var missing = info.PrivateKeyPaths.Count == 0 ? string.Empty : $" (missing: {string.Join(", ", info.PrivateKeyPaths)})";
            throw new VnetException($"Machine '{_machine.Name}': no SSH private key or password to log in with{missing}. Set config.Ssh.PrivateKeyPath or config.Ssh.Password.");
        }

        return new ConnectionInfo(info.Host, info.Port, info.Username, [.. methods])
        {
            Timeout = TimeSpan.FromSeconds(_machine.Config.Ssh.ConnectTimeout ?? 15),
        };
    }

    private string Wrap(string command, ExecuteOptions options)
    {
        var shell = options.Shell ?? _machine.Config.Ssh.Shell ?? "bash -l";
        var line = $"{shell} -c {ShellQuote.Quote(command)}";
        return (options.Sudo ? "sudo -E -H " + line : line) + " </dev/null";
    }

    private void Disconnect()
    {
        _client?.Dispose();
        _client = null;
        _sftp?.Dispose();
        _sftp = null;
    }

    private static async Task PumpAsync(Stream stream, Action<string> onLine)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        VnetException => false,
        SshNotReadyException or SocketException or SshConnectionException or SshOperationTimeoutException or ProxyException or TimeoutException or IOException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        SocketException socket => $"{socket.SocketErrorCode}: {socket.Message}",
        _ => e.Message,
    };

    private static string ExpandHome(SftpClient sftp, string path) =>
        path == "~" ? sftp.WorkingDirectory
        : path.StartsWith("~/", StringComparison.Ordinal) ? Combine(sftp.WorkingDirectory, path[2..])
        : path;

    private static string Combine(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;

    private static string Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => trimmed[..slash],
        };
    }

    private static async Task<bool> IsDirectoryAsync(SftpClient sftp, string path, CancellationToken cancellation)
    {
        if (!await sftp.ExistsAsync(path, cancellation).ConfigureAwait(false))
        {
            return false;
        }

        var attributes = await sftp.GetAttributesAsync(path, cancellation).ConfigureAwait(false);
        return attributes.IsDirectory;
    }

    private static async Task CreateDirectoriesAsync(SftpClient sftp, string path, CancellationToken cancellation)
    {
        if (path is "." or "/" || await sftp.ExistsAsync(path, cancellation).ConfigureAwait(false))
        {
            return;
        }

        await CreateDirectoriesAsync(sftp, Parent(path), cancellation).ConfigureAwait(false);
        await sftp.CreateDirectoryAsync(path, cancellation).ConfigureAwait(false);
    }

    private static async Task UploadFileAsync(SftpClient sftp, string local, string remote, CancellationToken cancellation)
    {
        await using (var file = File.OpenRead(local))
        {
            await sftp.UploadFileAsync(file, remote, cancellation).ConfigureAwait(false);
        }

        if (!OperatingSystem.IsWindows())
        {
            sftp.ChangePermissions(remote, Convert.ToInt16(Convert.ToString((int)File.GetUnixFileMode(local) & 0x1FF, 8)));
        }
    }

    private static async Task UploadDirectoryAsync(SftpClient sftp, string local, string remote, CancellationToken cancellation)
    {
        await CreateDirectoriesAsync(sftp, remote, cancellation).ConfigureAwait(false);
        foreach (var directory in Directory.EnumerateDirectories(local))
        {
            await UploadDirectoryAsync(sftp, directory, Combine(remote, Path.GetFileName(directory)), cancellation).ConfigureAwait(false);
        }

        foreach (var file in Directory.EnumerateFiles(local))
        {
            await UploadFileAsync(sftp, file, Combine(remote, Path.GetFileName(file)), cancellation).ConfigureAwait(false);
        }
    }

    private static async Task DownloadDirectoryAsync(SftpClient sftp, string remote, string local, CancellationToken cancellation)
    {
        Directory.CreateDirectory(local);
        await foreach (var entry in sftp.ListDirectoryAsync(remote, cancellation).ConfigureAwait(false))
        {
            if (entry.Name is "." or "..")
            {
                continue;
            }

            var target = Path.Combine(local, entry.Name);
            if (entry.IsDirectory)
            {
                await DownloadDirectoryAsync(sftp, entry.FullName, target, cancellation).ConfigureAwait(false);
            }
            else if (entry.IsRegularFile)
            {
                await using var file = File.Create(target);
                await sftp.DownloadFileAsync(entry.FullName, file, cancellation).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The machine cannot be reached yet (no address); retried while waiting for it.</summary>
public sealed class SshNotReadyException(string message) : Exception(message);

/// <summary>The SSH connection dropped while a command ran (expected after <c>shutdown</c> or <c>reboot</c>).</summary>
public sealed class SshConnectionLostException(string machine, Exception inner)
    : VnetException($"The SSH connection to machine '{machine}' was lost while a command was running: {inner.Message}", inner);
