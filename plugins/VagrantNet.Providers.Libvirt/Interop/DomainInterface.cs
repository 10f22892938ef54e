using System.Net.Sockets;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>A guest network interface and the addresses libvirt reports for it.</summary>
public sealed record DomainInterface(
    string Name,
    string? Mac,
    IReadOnlyList<(string Address, int Prefix, AddressFamily Family)> Addresses);
