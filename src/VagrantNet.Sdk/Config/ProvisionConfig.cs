namespace VagrantNet.Sdk.Config;

/// <summary>When a provisioner runs (Vagrant's <c>run:</c>).</summary>
public enum Run
{
    /// <summary>On the first <c>up</c>, and whenever provisioning is asked for.</summary>
    Once,

    /// <summary>On every <c>up</c>, <c>reload</c> and <c>provision</c>.</summary>
    Always,

    /// <summary>Only when named with <c>--provision-with</c>.</summary>
    Never,
}

/// <summary><c>config.Vm.Provision</c>: provisioners in order; a named one replaces an earlier one of the same name.</summary>
public sealed class ProvisionConfig : ConfigSection
{
    [NotMerged]
    public IReadOnlyList<ProvisionerDefinition> Provisioners => _provisioners;

    private readonly List<ProvisionerDefinition> _provisioners = [];

    /// <summary>Runs a shell script in the guest, from <paramref name="inline"/> text or a host <paramref name="path"/>.</summary>
    public ProvisionerDefinition Shell(
        string? name = null,
        string? inline = null,
        string? path = null,
        ShellArgs? args = null,
        Dictionary<string, string>? env = null,
        bool privileged = true,
        bool binary = false,
        string? uploadPath = null,
        bool reset = false,
        bool reboot = false,
        bool sensitive = false,
        Run run = Run.Once,
        string? before = null,
        string? after = null) =>
        Add(new ProvisionerDefinition(name, "shell", run, before, after, new ShellProvisionerConfig
        {
            Inline = inline,
            Path = path,
            Args = args?.ToArray() ?? [],
            RawArgs = args?.Raw,
            Env = env ?? [],
            Privileged = privileged,
            Binary = binary,
            UploadPath = uploadPath ?? "/tmp/vagrant-shell",
            Reset = reset,
            Reboot = reboot,
            Sensitive = sensitive,
        }));

    /// <summary>Uploads a host file or directory to <paramref name="destination"/> in the guest.</summary>
    public ProvisionerDefinition File(string source, string destination, string? name = null, Run run = Run.Once, string? before = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return Add(new ProvisionerDefinition(name, "file", run, before, after, new FileProvisionerConfig { Source = source, Destination = destination }));
    }

    /// <summary>Adds a provisioner of a plugin's type with its own config object.</summary>
    public ProvisionerDefinition Add(string type, ProvisionerConfig config, string? name = null, Run run = Run.Once, string? before = null, string? after = null) =>
        Add(new ProvisionerDefinition(name, type, run, before, after, config));

    private ProvisionerDefinition Add(ProvisionerDefinition definition)
    {
        var index = definition.Name is null ? -1 : _provisioners.FindIndex(p => p.Name == definition.Name);
        if (index >= 0)
        {
            _provisioners[index] = definition;
        }
        else
        {
            _provisioners.Add(definition);
        }

        return definition;
    }

    public override void Merge(ConfigSection other)
    {
        foreach (var definition in ((ProvisionConfig)other)._provisioners)
        {
            Add(definition);
        }
    }

    public override void Validate(ValidationErrors errors)
    {
        var names = _provisioners.Where(p => p.Name is not null).Select(p => p.Name!).ToHashSet();
        foreach (var provisioner in _provisioners)
        {
            var setting = $"vm.provision \"{UserText.Escape(provisioner.Name ?? provisioner.Type)}\"";
            provisioner.Config.Validate(errors, setting);
            foreach (var (key, target) in new[] { ("before", provisioner.Before), ("after", provisioner.After) })
            {
                if (target is not null && target is not ("all" or "each") && !names.Contains(target))
                {
                    errors.Add("vm", setting, $"{key}: no provisioner is named {UserText.Quote(target)}");
                }
            }
        }
    }
}

/// <summary>One provisioner: its name, type, when it runs, and its type's config.</summary>
public sealed record ProvisionerDefinition(string? Name, string Type, Run Run, string? Before, string? After, ProvisionerConfig Config);

/// <summary>Config of a provisioner type; plugins derive their own.</summary>
public abstract class ProvisionerConfig
{
    public virtual void Validate(ValidationErrors errors, string setting)
    {
    }
}

public sealed class ShellProvisionerConfig : ProvisionerConfig
{
    public string? Inline { get; init; }

    public string? Path { get; init; }

    /// <summary>Arguments given as a list: each is quoted for the guest shell.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Arguments given as one string: passed to the guest shell as written.</summary>
    public string? RawArgs { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public bool Privileged { get; init; } = true;

    public bool Binary { get; init; }

    public string UploadPath { get; init; } = "/tmp/vagrant-shell";

    public bool Reset { get; init; }

    public bool Reboot { get; init; }

    public bool Sensitive { get; init; }

    public override void Validate(ValidationErrors errors, string setting)
    {
        if ((Inline is null) == (Path is null))
        {
            errors.Add("shell provisioner", setting, "give exactly one of inline or path");
        }
        else if (Path is not null && !errors.IsFile(Path))
        {
            errors.Add("shell provisioner", setting, $"path: file not found: {UserText.Escape(Path)}");
        }

        foreach (var name in Env.Keys.Where(k => !EnvironmentNames.IsValid(k)))
        {
            errors.Add("shell provisioner", setting, $"env: {UserText.Quote(name)} is not an environment variable name; a name is a letter or '_' followed by letters, digits and '_'");
        }
    }
}

public sealed class FileProvisionerConfig : ProvisionerConfig
{
    public required string Source { get; init; }

    public required string Destination { get; init; }

    public override void Validate(ValidationErrors errors, string setting)
    {
        if (!errors.IsFile(Source) && !errors.IsDirectory(Source))
        {
            errors.Add("file provisioner", setting, $"source: not found: {UserText.Escape(Source ?? string.Empty)}");
        }

        if (string.IsNullOrWhiteSpace(Destination))
        {
            errors.Add("file provisioner", setting, "destination must not be empty");
        }
    }
}

/// <summary>Shell arguments given either as one string (split by the guest shell) or as a list.</summary>
public sealed class ShellArgs : List<string>
{
    /// <summary>Set when the arguments were written as one string.</summary>
    public string? Raw { get; private init; }

    public static implicit operator ShellArgs(string args) => new() { Raw = args };

    public static implicit operator ShellArgs(string[] args)
    {
        var result = new ShellArgs();
        result.AddRange(args);
        return result;
    }
}
