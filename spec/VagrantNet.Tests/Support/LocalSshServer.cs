using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Tests.Support;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for a test user of its own (<c>vnettest-&lt;pid&gt;-xxxx</c>, passwordless
/// sudo, created here and removed on dispose, so concurrent test runs never share authorized_keys),
/// started from a temporary sshd_config with its own host key. Tests are ignored, with the reason,
/// where sshd, useradd or root are missing. Disposing kills exactly this server's sshd.
/// </summary>
internal sealed class LocalSshServer : IDisposable
{
    public const string UserPrefix = "vnettest-";
    public const string Password = "vnettest-Pa55";
    public const string Sshd = "/usr/sbin/sshd";

    private Process? _sshd;

    private LocalSshServer(string directory, string user)
    {
        Directory = directory;
        User = user;
        Port = FreePort();
    }

    /// <summary>The test user this server lets in.</summary>
    public string User { get; }

    /// <summary>The temp directory with the config, keys and log.</summary>
    public string Directory { get; }

    public int Port { get; }

    public string Home => $"/home/{User}";

    /// <summary>An ed25519 client key authorized at start.</summary>
    public string ClientKey => Path.Combine(Directory, "client_ed25519");

    public string LogFile => Path.Combine(Directory, "sshd.log");

    /// <summary>Starts a server, or ignores the calling test when this host cannot run one.</summary>
    public static LocalSshServer Start()
    {
        if (!OperatingSystem.IsLinux() || System.Environment.UserName != "root")
        {
            Assert.Ignore("LocalSshServer needs Linux and root (it creates the test user).");
        }

        foreach (var tool in new[] { Sshd, "/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/chpasswd", "/usr/bin/ssh-keygen", "/usr/bin/sudo" })
        {
            if (!File.Exists(tool))
            {
                Assert.Ignore($"LocalSshServer needs {tool} (apt-get install openssh-server openssh-client sudo).");
            }
        }

        RemoveStaleUsers();
        var user = $"{UserPrefix}{System.Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..4]}";
        CreateUser(user);
        var server = new LocalSshServer(System.IO.Directory.CreateTempSubdirectory("vnet-sshd-").FullName, user);
        server.GenerateKey("host_ed25519", "ed25519");
        server.GenerateKey("host_rsa", "rsa");
        server.GenerateKey("client_ed25519", "ed25519");
        server.Authorize(File.ReadAllText(server.ClientKey + ".pub"));
        server.WriteConfig();
        server.Launch();
        return server;
    }

    /// <summary>Creates a client key of <paramref name="type"/> (ed25519, ecdsa, rsa) and returns its path.</summary>
    public string GenerateKey(string name, string type)
    {
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            Run("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", string.Empty, "-C", name, "-f", path);
        }

        return path;
    }

    public string PublicKey(string privateKey) => File.ReadAllText(privateKey + ".pub").Trim();

    /// <summary>Replaces the test user's authorized_keys with <paramref name="publicKeys"/>.</summary>
    public void Authorize(params string[] publicKeys)
    {
        var ssh = Path.Combine(Home, ".ssh");
        System.IO.Directory.CreateDirectory(ssh);
        var file = Path.Combine(ssh, "authorized_keys");
        File.WriteAllText(file, string.Concat(publicKeys.Select(k => k.Trim() + "\n")));
        Run("/bin/chown", "-R", $"{User}:{User}", ssh);
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string AuthorizedKeys => File.ReadAllText(Path.Combine(Home, ".ssh", "authorized_keys"));

    /// <summary>How many logins the server accepted so far (one per SSH connection).</summary>
    public int AcceptedLogins =>
        File.Exists(LogFile) ? File.ReadAllLines(LogFile).Count(l => l.Contains($"Accepted ", StringComparison.Ordinal) && l.Contains($" for {User} ", StringComparison.Ordinal)) : 0;

    /// <summary>SSH info for the test user with <paramref name="keys"/> (default: the authorized ed25519 key).</summary>
    public SshInfo Info(string? knownHosts = null, params string[] keys) =>
        new("127.0.0.1", Port, User) { PrivateKeyPaths = keys.Length == 0 ? [ClientKey] : keys, KnownHostsFile = knownHosts };

    /// <summary>Stops the server, gives it new host keys and starts it again on the same port (a re-created machine, or an impostor).</summary>
    public void RestartWithNewHostKey()
    {
        Stop();
        foreach (var (name, type) in new[] { ("host_ed25519", "ed25519"), ("host_rsa", "rsa") })
        {
            File.Delete(Path.Combine(Directory, name));
            File.Delete(Path.Combine(Directory, name + ".pub"));
            GenerateKey(name, type);
        }
        Launch();
    }

    public void Stop()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill();
            _sshd.WaitForExit(5000);
        }

        _sshd?.Dispose();
        _sshd = null;
    }

    public void Launch()
    {
        _sshd = Process.Start(new ProcessStartInfo(Sshd)
        {
            ArgumentList = { "-D", "-f", Path.Combine(Directory, "sshd_config"), "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "ListenAddress=127.0.0.1", "-E", LogFile },
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_sshd.HasExited)
            {
                Assert.Ignore($"sshd exited at start ({_sshd.ExitCode}): {(File.Exists(LogFile) ? File.ReadAllText(LogFile) : "no log")}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Assert.Ignore("sshd did not start listening within 10 s.");
    }

    public void Dispose()
    {
        Stop();
        try
        {
            File.Delete(SudoersFile(User));
            Run("/usr/sbin/userdel", "-r", "-f", User);
        }
        catch (InvalidOperationException e)
        {
            TestContext.Out.WriteLine($"Could not remove the test user {User}: {e.Message}");
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr}");
        }
    }

    private static string SudoersFile(string user) => $"/etc/sudoers.d/{user}";

    /// <summary>Removes test users left by test processes that died before their teardown (the name carries the pid).</summary>
    private static void RemoveStaleUsers()
    {
        foreach (var line in File.ReadAllLines("/etc/passwd"))
        {
            var name = line.Split(':')[0];
            var parts = name.Split('-');
            if (!name.StartsWith(UserPrefix, StringComparison.Ordinal) || parts.Length != 3 || !int.TryParse(parts[1], out var pid) || System.IO.Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            File.Delete(SudoersFile(name));
            try
            {
                Run("/usr/sbin/userdel", "-r", "-f", name);
            }
            catch (InvalidOperationException)
            {
                // Another run may be removing it too.
            }
        }
    }

    private static void CreateUser(string user)
    {
        Run("/usr/sbin/useradd", "-m", "-s", "/bin/bash", user);

        // A known password (the server listens on loopback only) also unlocks the account for key logins.
        var chpasswd = new ProcessStartInfo("/usr/sbin/chpasswd") { RedirectStandardInput = true, UseShellExecute = false };
        using (var process = Process.Start(chpasswd)!)
        {
            process.StandardInput.WriteLine($"{user}:{Password}");
            process.StandardInput.Close();
            process.WaitForExit();
        }

        File.WriteAllText(SudoersFile(user), $"{user} ALL=(ALL) NOPASSWD:ALL\n");
        File.SetUnixFileMode(SudoersFile(user), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        System.IO.Directory.CreateDirectory("/run/sshd");
    }

    private void WriteConfig() =>
        File.WriteAllText(Path.Combine(Directory, "sshd_config"), $"""
            HostKey {Path.Combine(Directory, "host_rsa")}
            HostKey {Path.Combine(Directory, "host_ed25519")}
            AuthorizedKeysFile .ssh/authorized_keys
            UsePAM no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PidFile {Path.Combine(Directory, "sshd.pid")}
            LogLevel VERBOSE
            AllowUsers {User}
            Subsystem sftp internal-sftp
            MaxStartups 50
            """ + "\n");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
