namespace VagrantNet.Sdk.Config;

/// <summary><c>config.Vm</c>: the machine, its box, networks, folders, provisioners and providers.</summary>
public sealed class VmConfig : ConfigSection
{
    public const int DefaultBootTimeout = 300;
    public const int DefaultGracefulHaltTimeout = 60;

    /// <summary>Box name, such as <c>vnet/debian12</c>.</summary>
    public string? Box { get; set; }

    /// <summary>Version constraint such as <c>"&gt;= 1.0, &lt; 2"</c>; null means the newest.</summary>
    public string? BoxVersion { get; set; }

    /// <summary>Where to fetch the box (or its catalog) when it is not installed.</summary>
    public string[]? BoxUrl { get; set; }

    public bool? BoxCheckUpdate { get; set; }

    public string? BoxDownloadChecksum { get; set; }

    /// <summary>md5, sha1, sha256, sha384 or sha512.</summary>
    public string? BoxDownloadChecksumType { get; set; }

    public bool? BoxDownloadInsecure { get; set; }

    public string? BoxDownloadCaCert { get; set; }

    /// <summary>Box architecture; default is the host's (amd64 on x86_64).</summary>
    public string? BoxArchitecture { get; set; }

    public string? Hostname { get; set; }

    /// <summary>Seconds to wait for the machine to boot and answer SSH.</summary>
    public int? BootTimeout { get; set; }

    /// <summary>Seconds a graceful halt may take before vnet powers the machine off.</summary>
    public int? GracefulHaltTimeout { get; set; }

    /// <summary>Communicator name (default <c>ssh</c>).</summary>
    public string? Communicator { get; set; }

    /// <summary>Guest OS family; detected when unset.</summary>
    public string? Guest { get; set; }

    public string? PostUpMessage { get; set; }

    public NetworkConfig Network { get; } = new();

    public ProvisionConfig Provision { get; } = new();

    public CloudInitConfig CloudInit { get; } = new();

    /// <summary>Synced folders keyed by id (default: the guest path), so a later layer replaces an earlier one.</summary>
    [NotMerged]
    public IReadOnlyList<SyncedFolderDefinition> SyncedFolders => _syncedFolders;

    /// <summary>Machines named with <see cref="Define"/>, in definition order.</summary>
    [NotMerged]
    public IReadOnlyList<MachineDefinition> Definitions => _definitions;

    /// <summary>Provider blocks in the order written.</summary>
    [NotMerged]
    public IReadOnlyList<ProviderBlock> ProviderBlocks => _providerBlocks;

    private readonly List<SyncedFolderDefinition> _syncedFolders = [];
    private readonly List<MachineDefinition> _definitions = [];
    private readonly List<ProviderBlock> _providerBlocks = [];

    /// <summary>Defines a machine. Its block receives a config that is merged over the project's.</summary>
    public void Define(string name, Action<RootConfig>? configure = null, bool primary = false, bool autostart = true)
    {
        ArgumentNullException.ThrowIfNull(name);

        // The name becomes a directory under .vnet/machines: refuse it here, before any command can touch the disk for it.
        MachineNames.EnsureValid(name);
        if (_definitions.Any(d => d.Name == name))
        {
            throw new ConfigurationException($"The machine name '{name}' is defined twice; each Define needs its own name.");
        }

        _definitions.Add(new MachineDefinition(name, configure ?? (_ => { }), primary, autostart));
    }

    /// <summary>Typed provider settings: <c>Provider&lt;LibvirtConfig&gt;((lv, over) =&gt; ...)</c>.</summary>
    public void Provider<TConfig>(Action<TConfig, RootConfig> configure)
        where TConfig : ProviderConfig, new() =>
        _providerBlocks.Add(new ProviderBlock(ProviderConfig.NameOf(typeof(TConfig)), typeof(TConfig), (cfg, over) => configure((TConfig)cfg, over)));

    public void Provider<TConfig>(Action<TConfig> configure)
        where TConfig : ProviderConfig, new() =>
        Provider<TConfig>((cfg, _) => configure(cfg));

    /// <summary>Untyped provider settings for a plugin the script does not reference: <c>p["memory"] = 1024</c>.</summary>
    public void Provider(string name, Action<ProviderSettings, RootConfig> configure) =>
        _providerBlocks.Add(new ProviderBlock(name, null, (cfg, over) => configure(new ProviderSettings(name, cfg), over)));

    public void Provider(string name, Action<ProviderSettings>? configure = null) =>
        Provider(name, (settings, _) => configure?.Invoke(settings));

    /// <summary>Shares a host folder with the guest. <paramref name="type"/> null lets vnet choose (rsync here).</summary>
    public void SyncedFolder(
        string host,
        string guest,
        string? type = null,
        bool disabled = false,
        string[]? exclude = null,
        string[]? args = null,
        string? owner = null,
        string? group = null,
        string[]? mountOptions = null,
        bool create = false,
        string? id = null,
        Dictionary<string, object?>? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guest);
        var folder = new SyncedFolderDefinition
        {
            Id = id ?? guest,
            HostPath = host,
            GuestPath = guest,
            Type = type,
            Disabled = disabled,
            Exclude = exclude ?? [],
            Args = args,
            Owner = owner,
            Group = group,
            MountOptions = mountOptions ?? [],
            Create = create,
            Options = options ?? [],
        };
        var index = _syncedFolders.FindIndex(f => f.Id == folder.Id);
        if (index >= 0)
        {
            _syncedFolders[index] = folder;
        }
        else
        {
            _syncedFolders.Add(folder);
        }
    }

    public override void Merge(ConfigSection other)
    {
        base.Merge(other);
        var theirs = (VmConfig)other;
        foreach (var folder in theirs._syncedFolders)
        {
            var index = _syncedFolders.FindIndex(f => f.Id == folder.Id);
            if (index >= 0)
            {
                _syncedFolders[index] = folder;
            }
            else
            {
                _syncedFolders.Add(folder);
            }
        }

        foreach (var definition in theirs._definitions)
        {
            if (_definitions.All(d => d.Name != definition.Name))
            {
                _definitions.Add(definition);
            }
        }

        _providerBlocks.AddRange(theirs._providerBlocks);
    }

    public override void FinalizeDefaults()
    {
        base.FinalizeDefaults();
        BootTimeout ??= DefaultBootTimeout;
        GracefulHaltTimeout ??= DefaultGracefulHaltTimeout;
        BoxCheckUpdate ??= true;
        BoxDownloadInsecure ??= false;
        Communicator ??= "ssh";
        BoxArchitecture ??= "amd64";
        if (_syncedFolders.All(f => f.GuestPath != "/vagrant"))
        {
            // Vagrant shares the project root with every machine unless told otherwise.
            SyncedFolder(".", "/vagrant", id: "vagrant-root");
        }
    }

    public override void Validate(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Box))
        {
            if (!errors.BoxOptional)
            {
                errors.Add("vm", "vm.box", "a box must be specified");
            }
        }
        else if (!BoxNameRules.IsValid(Box))
        {
            errors.Add("vm", "vm.box", $"'{BoxNameRules.Printable(Box)}' is not a valid box name: use a simple name or org/name of letters, digits, '-', '_' and '.', each part starting with a letter or digit (no '..', no leading '/')");
        }

        foreach (var url in BoxUrl ?? [])
        {
            if (BoxNameRules.UrlProblem(url, errors.ProjectPath) is { } problem)
            {
                errors.Add("vm", "vm.box_url", $"'{BoxNameRules.Printable(url ?? string.Empty)}' {problem}");
            }
        }

        if (BoxVersion is not null && !VersionConstraint.TryParse(BoxVersion, out _, out var why))
        {
            errors.Add("vm", "vm.box_version", $"{UserText.Quote(BoxVersion)} is not a valid version constraint: {UserText.Escape(why)}");
        }

        if (BoxDownloadChecksumType is not null && !ChecksumTypes.IsKnown(BoxDownloadChecksumType))
        {
            errors.Add("vm", "vm.box_download_checksum_type", $"unknown type {UserText.Quote(BoxDownloadChecksumType)}; use one of {string.Join(", ", ChecksumTypes.All)}");
        }

        if (BoxDownloadChecksum is not null && BoxDownloadChecksumType is null)
        {
            errors.Add("vm", "vm.box_download_checksum_type", "must be set when box_download_checksum is set");
        }

        if (BootTimeout is <= 0)
        {
            errors.Add("vm", "vm.boot_timeout", "must be a positive number of seconds");
        }

        if (GracefulHaltTimeout is < 0)
        {
            errors.Add("vm", "vm.graceful_halt_timeout", "must not be negative");
        }

        if (Hostname is not null && !HostnameRules.IsValid(Hostname))
        {
            errors.Add("vm", "vm.hostname", $"{UserText.Quote(Hostname)} is not a valid hostname (letters, digits, '-' and '.', each label 1-63 characters, not starting or ending with '-')");
        }

        if (Communicator is not null && errors.Communicators is { } communicators && !communicators.Contains(Communicator, StringComparer.Ordinal))
        {
            errors.Add("vm", "vm.communicator", $"{UserText.Quote(Communicator)} is not a communicator any installed plugin provides; known communicators: {Known(communicators)}");
        }

        Network.Validate(errors);
        Provision.Validate(errors);
        CloudInit.Validate(errors);
        foreach (var folder in _syncedFolders.Where(f => !f.Disabled))
        {
            ValidateSyncedFolder(folder, errors);
        }
    }

    private static void ValidateSyncedFolder(SyncedFolderDefinition folder, ValidationErrors errors)
    {
        const string Setting = "vm.synced_folder";
        if (string.IsNullOrEmpty(folder.GuestPath) || !folder.GuestPath.StartsWith('/'))
        {
            errors.Add("vm", Setting, $"guest path {UserText.Quote(folder.GuestPath)} must be absolute");
        }

        if (folder.Type is not null && errors.SyncedFolderTypes is { } types && !types.Contains(folder.Type, StringComparer.Ordinal))
        {
            errors.Add("vm", Setting, $"type {UserText.Quote(folder.Type)} of the folder for {UserText.Quote(folder.GuestPath)} is not a synced folder type any installed plugin provides; known types: {Known(types)}");
        }

        if (string.IsNullOrEmpty(folder.HostPath) || folder.HostPath.Contains('\0'))
        {
            errors.Add("vm", Setting, $"host path {UserText.Quote(folder.HostPath)} of the folder for {UserText.Quote(folder.GuestPath)} is not a path");
        }
        else if (!folder.Create && !errors.IsDirectory(folder.HostPath))
        {
            // Vagrant refuses a missing host folder unless create: true asks for it to be made.
            errors.Add("vm", Setting, $"host path {UserText.Quote(folder.HostPath)} of the folder for {UserText.Quote(folder.GuestPath)} is not a directory on the host; create it, or pass create: true to have vnet create it");
        }
    }

    private static string Known(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "none" : string.Join(", ", names.Order(StringComparer.Ordinal));
}

/// <summary>A machine named with <c>config.Vm.Define</c>.</summary>
public sealed record MachineDefinition(string Name, Action<RootConfig> Configure, bool Primary, bool Autostart);

/// <summary>A provider block: applies its settings to the provider config and to the override config.</summary>
public sealed record ProviderBlock(string Name, Type? ConfigType, Action<ProviderConfig, RootConfig> Apply);
