using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// The one record of the libvirt networks vnet created: their UUIDs, per connection URI, in
/// <c>$VNET_HOME/data/libvirt/created-networks</c>. It is the host's, not a machine's: machines share networks, and the
/// one that created a network may be destroyed first, so whichever machine is the last to leave it (no domain uses it,
/// which libvirt tells) removes it. A network is recorded here, with the UUID vnet gives it, before it is defined (and in
/// the machine's creation journal, which undoes a killed <c>up</c>); keyed by UUID, a same-named network someone else
/// makes is never taken for vnet's. Callers hold the <c>libvirt-networks</c> host lock.
/// </summary>
public sealed class CreatedNetworks(string home, string uri)
{
    private readonly string _file = Path.Combine(home, "data", "libvirt", "created-networks");

    public bool Contains(LibvirtNetwork network) => Read().Contains((uri, network.Uuid));

    /// <summary>Records the network about to be defined with <paramref name="uuid"/>.</summary>
    public void Add(string uuid) => Write(Read().Append((uri, uuid)));

    public void Remove(string uuid) => Write(Read().Where(e => e != (uri, uuid)));

    private List<(string Uri, string Uuid)> Read() =>
        File.Exists(_file)
            ? [.. File.ReadAllLines(_file).Select(l => l.Split('\t')).Where(p => p.Length == 2).Select(p => (p[0], p[1]))]
            : [];

    private void Write(IEnumerable<(string Uri, string Uuid)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = _file + ".tmp-" + Environment.ProcessId;
        File.WriteAllLines(temp, entries.Distinct().Select(e => $"{e.Uri}\t{e.Uuid}"));
        File.Move(temp, _file, overwrite: true);
    }
}
