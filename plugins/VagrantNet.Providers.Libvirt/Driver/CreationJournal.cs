using VagrantNet.Sdk.Machines;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// The intent log of one machine's creation (<c>creation_journal</c> in its state directory), kept as databases
/// keep theirs: each libvirt object is recorded here before it is made (the domain's name and the UUID vnet chose for
/// it, each volume, each network with its UUID), and the journal is removed only when the whole first <c>up</c> has
/// finished. A journal that is still there means an <c>up</c> died half way; the next <c>up</c> or <c>destroy</c>
/// undoes what it lists (<c>CreationUndo</c>) and so never meets a half-made machine.
/// </summary>
public sealed class CreationJournal
{
    public const string FileName = MachineStateFiles.CreationJournal;

    private readonly IMachine _machine;
    private readonly List<string> _volumes = [];
    private readonly List<(string Name, string Uuid)> _networks = [];

    private CreationJournal(IMachine machine, string domainName, string domainUuid, string pool)
    {
        _machine = machine;
        DomainName = domainName;
        DomainUuid = domainUuid;
        Pool = pool;
    }

    public string DomainName { get; }

    public string DomainUuid { get; }

    /// <summary>The storage pool the volumes are in.</summary>
    public string Pool { get; }

    public IReadOnlyList<string> Volumes => _volumes;

    public IReadOnlyList<(string Name, string Uuid)> Networks => _networks;

    /// <summary>Starts the journal of a new creation, written before anything is made; <paramref name="uuid"/> null: a new one.</summary>
    public static CreationJournal Begin(IMachine machine, string domainName, string pool, string? uuid = null)
    {
        var journal = new CreationJournal(machine, domainName, (uuid is null ? Guid.NewGuid() : Guid.Parse(uuid)).ToString(), pool);
        journal.Save();
        return journal;
    }

    /// <summary>
    /// A journal for a domain of this machine found without one (its <c>.vnet</c> was lost): written first, so that
    /// removing it is itself resumable.
    /// </summary>
    public static CreationJournal Adopt(IMachine machine, string domainName, string domainUuid, string pool, IEnumerable<string> volumes)
    {
        var journal = new CreationJournal(machine, domainName, domainUuid, pool);
        journal._volumes.AddRange(volumes);
        journal.Save();
        return journal;
    }

    /// <summary>The journal an unfinished creation left, or null. An unreadable one is reported, never guessed at.</summary>
    public static CreationJournal? Read(IMachine machine)
    {
        if (machine.ReadState(FileName) is not { } text)
        {
            return null;
        }

        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        string? Field(string kind) => fields.FirstOrDefault(f => f.Length == 2 && f[0] == kind)?[1];
        if (Field("domain") is not { } name || Field("uuid") is not { } uuid || !Guid.TryParse(uuid, out _) || Field("pool") is not { } pool)
        {
            throw new LibvirtProviderException(
                $"Machine '{machine.Name}': its creation journal ({Path.Combine(machine.DataDirectory, FileName)}) is damaged, so vnet cannot tell what an interrupted `vnet up` made. " +
                "Check `virsh list --all` and `virsh net-list --all` for objects of this machine, remove them, then delete the file.");
        }

        var journal = new CreationJournal(machine, name, uuid, pool);
        journal._volumes.AddRange(fields.Where(f => f.Length == 2 && f[0] == "volume").Select(f => f[1]));
        journal._networks.AddRange(fields.Where(f => f.Length == 3 && f[0] == "network").Select(f => (f[1], f[2])));
        return journal;
    }

    /// <summary>Records a volume about to be created in <see cref="Pool"/>.</summary>
    public void RecordVolume(string name)
    {
        _volumes.Add(name);
        Save();
    }

    /// <summary>Records a network about to be defined with <paramref name="uuid"/>.</summary>
    public void RecordNetwork(string name, string uuid)
    {
        _networks.Add((name, uuid));
        Save();
    }

    /// <summary>The creation finished (or its machine is kept on purpose): nothing is left to undo.</summary>
    public void Complete() => _machine.DeleteState(FileName);

    private void Save()
    {
        var lines = new List<string> { $"domain\t{DomainName}", $"uuid\t{DomainUuid}", $"pool\t{Pool}" };
        lines.AddRange(_volumes.Select(v => $"volume\t{v}"));
        lines.AddRange(_networks.Select(n => $"network\t{n.Name}\t{n.Uuid}"));
        _machine.WriteState(FileName, string.Join('\n', lines) + "\n");
    }
}
