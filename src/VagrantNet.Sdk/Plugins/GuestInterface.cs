namespace VagrantNet.Sdk.Plugins;

/// <summary>A network interface as the guest names it (<c>eth1</c>, <c>ens6</c>) with its MAC address, from the <c>network_interfaces</c> capability.</summary>
public sealed record GuestInterface(string Name, string? Mac);
