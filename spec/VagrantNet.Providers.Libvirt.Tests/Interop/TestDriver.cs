namespace VagrantNet.Providers.Libvirt.Tests.Interop;

/// <summary>Fixtures for libvirt's in-process test driver.</summary>
internal static class TestDriver
{
    // Shared in-process state that lives while any connection to it is open and
    // resets once the last one closes, so each test starts from the stock objects.
    internal const string Uri = "test:///default";
    internal const string StockDomain = "test";
    internal const string StockNetwork = "default";
    internal const string StockPool = "default-pool";

    internal static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    internal static string DomainXml(string name, string mac = "52:54:00:12:34:56") => $"""
        <domain type='test'>
          <name>{name}</name>
          <memory unit='MiB'>128</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <interface type='network'>
              <mac address='{mac}'/>
              <source network='{StockNetwork}'/>
            </interface>
          </devices>
        </domain>
        """;

    internal static string NetworkXml(string name, string bridge) => $"""
        <network>
          <name>{name}</name>
          <bridge name='{bridge}'/>
          <ip address='192.168.99.1' netmask='255.255.255.0'>
            <dhcp><range start='192.168.99.2' end='192.168.99.254'/></dhcp>
          </ip>
        </network>
        """;

    internal static string PoolXml(string name) => $"""
        <pool type='dir'>
          <name>{name}</name>
          <target><path>/{name}</path></target>
        </pool>
        """;

    internal static string VolumeXml(string name, int capacityMiB) => $"""
        <volume>
          <name>{name}</name>
          <capacity unit='MiB'>{capacityMiB}</capacity>
          <target><format type='raw'/></target>
        </volume>
        """;
}
