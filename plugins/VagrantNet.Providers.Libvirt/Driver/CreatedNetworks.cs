namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// The libvirt networks vnet created on this host, per connection URI (<c>$VNET_HOME/data/libvirt/created-networks</c>).
/// Machines share networks: the one that created a network may be destroyed first, so the last machine
/// to leave a network must know vnet made it. Callers hold the <c>libvirt-networks</c> host lock.
/// </summary>
public sealed class CreatedNetworks(string home, string uri)
{
    private readonly string _file = Path.Combine(home, "data", "libvirt", "created-networks");

    public bool Contains(string network) => Read().Contains((uri, network));

    public void Add(string network) => Write(Read().Append((uri, network)));

    public void Remove(string network) => Write(Read().Where(e => e != (uri, network)));

    private List<(string Uri, string Network)> Read() =>
        File.Exists(_file)
            ? [.. File.ReadAllLines(_file).Select(l => l.Split('\t')).Where(p => p.Length == 2).Select(p => (p[0], p[1]))]
            : [];

    private void Write(IEnumerable<(string Uri, string Network)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = _file + ".tmp-" + Environment.ProcessId;
        File.WriteAllLines(temp, entries.Distinct().Select(e => $"{e.Uri}\t{e.Network}"));
        File.Move(temp, _file, overwrite: true);
    }
}
