namespace VagrantNet.Sdk.Machines;

/// <summary>How to reach a machine over SSH. A provider returns null while the machine is unreachable.</summary>
public sealed record SshInfo(string Host, int Port, string Username)
{
    public IReadOnlyList<string> PrivateKeyPaths { get; init; } = [];

    public bool ForwardAgent { get; init; }

    public bool ForwardX11 { get; init; }

    public string? ProxyCommand { get; init; }

    /// <summary>
    /// <c>ssh.ExtraArgs</c>: words for the system ssh that <c>vnet ssh</c> (with or without <c>-c</c>) and rsync run, after
    /// vnet's own options, as Vagrant passes <c>ssh.extra_args</c>.
    /// </summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    public string? Password { get; init; }

    /// <summary>Pinned host keys (known_hosts file) for this machine, or null to accept any.</summary>
    public string? KnownHostsFile { get; init; }
}
