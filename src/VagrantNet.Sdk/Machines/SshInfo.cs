namespace VagrantNet.Sdk.Machines;

/// <summary>How to reach a machine over SSH. A provider returns null while the machine is unreachable.</summary>
public sealed record SshInfo(string Host, int Port, string Username)
{
    public IReadOnlyList<string> PrivateKeyPaths { get; init; } = [];

    public bool ForwardAgent { get; init; }

    public bool ForwardX11 { get; init; }

    public string? ProxyCommand { get; init; }

    public string? Password { get; init; }

    /// <summary>Pinned host keys (known_hosts file) for this machine, or null to accept any.</summary>
    public string? KnownHostsFile { get; init; }
}
