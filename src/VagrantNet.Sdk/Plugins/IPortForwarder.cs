using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Plugins;

/// <summary>
/// Vagrant's <c>forwarded_port</c>: host ports that reach guest ports for as long as the machine runs. The host
/// lends it to providers whose guests it reaches over SSH (the built-in <c>ForwardPorts</c> step uses it).
/// </summary>
public interface IPortForwarder
{
    /// <summary>
    /// Forwards the machine's TCP <c>forwarded_port</c>s through <paramref name="ssh"/>, replacing what was forwarded
    /// before. Returns what is forwarded now (host ports after <c>autoCorrect</c>). Throws, forwarding nothing, when a
    /// host port is taken and may not be corrected.
    /// </summary>
    Task<IReadOnlyList<ForwardedPort>> StartAsync(IMachine machine, SshInfo ssh, CancellationToken cancellation);

    /// <summary>Stops what <see cref="StartAsync"/> forwarded for the machine; returns whether anything was.</summary>
    Task<bool> StopAsync(IMachine machine, CancellationToken cancellation);

    /// <summary>What is forwarded for the machine now (empty when nothing runs).</summary>
    Task<IReadOnlyList<ForwardedPort>> ActiveAsync(IMachine machine, CancellationToken cancellation);
}

/// <summary>One forwarded port: <see cref="HostIp"/>:<see cref="HostPort"/> on the host to <see cref="GuestIp"/>:<see cref="GuestPort"/> seen from the guest.</summary>
public sealed record ForwardedPort(string Id, int GuestPort, int HostPort, string HostIp, string GuestIp, string Protocol = "tcp");
