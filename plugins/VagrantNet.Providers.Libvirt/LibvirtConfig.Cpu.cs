using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// vagrant-libvirt's CPU, NUMA, memory tuning, balloon and hypervisor-feature settings, each rendered by
/// <see cref="Xml.CpuXml"/> or <see cref="Xml.MemoryXml"/> as vagrant-libvirt's domain template does.
/// </summary>
public sealed partial class LibvirtConfig
{
    /// <summary>Sockets, cores and threads of the guest's CPUs (vagrant-libvirt's <c>cputopology</c>); their product must be <see cref="Cpus"/>.</summary>
    public CpuTopology? CpuTopology { get; set; }

    /// <summary>CPU features asked of the hypervisor, each with its policy (vagrant-libvirt's <c>cpu_feature</c>).</summary>
    public CpuFeature[]? CpuFeatures { get; set; }

    /// <summary><c>allow</c> (default) or <c>forbid</c>: whether libvirt may fall back to a CPU model the hypervisor has.</summary>
    public string? CpuFallback { get; set; }

    /// <summary>Host CPUs the vCPUs may run on, libvirt's cpuset syntax (<c>1-4,^3,6</c>): <c>&lt;vcpu cpuset&gt;</c>.</summary>
    public string? Cpuset { get; set; }

    /// <summary>Pins single vCPUs to host CPUs (vagrant-libvirt's <c>cpuaffinitiy</c>): <c>&lt;cputune&gt;&lt;vcpupin&gt;</c>.</summary>
    public VcpuPin[]? CpuAffinity { get; set; }

    /// <summary>Host NUMA nodes the guest's memory comes from (<c>&lt;numatune&gt;&lt;memory nodeset&gt;</c>).</summary>
    public string? Nodeset { get; set; }

    /// <summary>Guest NUMA cells; their CPUs must cover 0 to <see cref="Cpus"/>-1 in order, as vagrant-libvirt requires.</summary>
    public NumaNode[]? NumaNodes { get; set; }

    /// <summary><c>&lt;memoryBacking&gt;</c> entries (vagrant-libvirt's <c>memorybacking :hugepages</c> and the like).</summary>
    public MemoryBackingOption[]? MemoryBacking { get; set; }

    /// <summary><c>&lt;memtune&gt;</c> limits (vagrant-libvirt's <c>memtune type:, value:</c>).</summary>
    public Memtune[]? Memtunes { get; set; }

    /// <summary>The domain's relative CPU weight (<c>&lt;cputune&gt;&lt;shares&gt;</c>).</summary>
    public int? Shares { get; set; }

    /// <summary>The memory balloon device (default on, virtio); off writes <c>&lt;memballoon model='none'/&gt;</c>.</summary>
    public bool? MemballoonEnabled { get; set; }

    public string? MemballoonModel { get; set; }

    /// <summary>PCI bus of the balloon (decimal or 0x-hex); with <see cref="MemballoonPciSlot"/> (vagrant-libvirt's default slot 0x0f).</summary>
    public string? MemballoonPciBus { get; set; }

    public string? MemballoonPciSlot { get; set; }

    /// <summary>The <c>&lt;features&gt;</c> elements, default acpi, apic and pae.</summary>
    public string[]? Features { get; set; }

    /// <summary>Hyper-V enlightenments for Windows guests (vagrant-libvirt's <c>hyperv_feature</c>).</summary>
    public HypervFeature[]? FeaturesHyperv { get; set; }

    /// <summary>Hides the KVM signature from the guest (<c>&lt;kvm&gt;&lt;hidden state='on'/&gt;</c>).</summary>
    public bool? KvmHidden { get; set; }

    /// <summary>The domain's UUID, fixed at creation; unset, vnet chooses one.</summary>
    public string? Uuid { get; set; }

    private static readonly string[] CpuFeaturePolicies = ["force", "require", "optional", "disable", "forbid"];

    private static readonly string[] MemballoonModels = ["virtio", "virtio-transitional", "virtio-non-transitional", "xen"];

    private static readonly string[] MemtuneTypes = ["hard_limit", "soft_limit", "swap_hard_limit", "min_guarantee"];

    private static readonly string[] MemoryUnits = ["b", "bytes", "KB", "k", "KiB", "MB", "M", "MiB", "GB", "G", "GiB", "TB", "T", "TiB"];

    /// <summary>What each <c>&lt;memoryBacking&gt;</c> child may carry, as libvirt's schema has it.</summary>
    private static readonly Dictionary<string, Dictionary<string, string[]>> MemoryBackingOptions = new(StringComparer.Ordinal)
    {
        ["hugepages"] = [],
        ["nosharepages"] = [],
        ["locked"] = [],
        ["discard"] = [],
        ["source"] = new(StringComparer.Ordinal) { ["type"] = ["file", "anonymous", "memfd"] },
        ["access"] = new(StringComparer.Ordinal) { ["mode"] = ["shared", "private"] },
        ["allocation"] = new(StringComparer.Ordinal) { ["mode"] = ["immediate", "ondemand"], ["threads"] = [] },
    };

    private static readonly string[] HypervStates = ["on", "off"];

    private static readonly string[] DomainFeatures =
        ["acpi", "apic", "pae", "hap", "viridian", "privnet", "pvspinlock", "vmport", "pmu", "vmcoreinfo", "htm", "nested-hv", "ccf-assist", "smm", "ioapic", "gic", "hpt", "msrs", "sbbc", "ibs", "async-teardown", "ras", "ps2", "tcg", "cfpc", "evmcs", "kvm", "xen", "hyperv", "aia"];

    private void ValidateCpu(Action<string, string> error)
    {
        if (CpuTopology is { } topology)
        {
            if (topology.Sockets < 1 || topology.Cores < 1 || topology.Threads < 1)
            {
                error("cpu_topology", $"sockets, cores and threads must each be at least 1, got {topology.Describe()}");
            }
            else if ((long)topology.Sockets * topology.Cores * topology.Threads != (Cpus ?? 1))
            {
                error("cpu_topology", $"{topology.Describe()} makes {(long)topology.Sockets * topology.Cores * topology.Threads} CPUs, but libvirt.cpus is {Cpus ?? 1}: the two must agree");
            }
        }

        foreach (var (feature, index) in (CpuFeatures ?? []).Select((f, i) => (f, i + 1)))
        {
            if (feature is null || string.IsNullOrWhiteSpace(feature.Name))
            {
                error("cpu_features", $"feature {index}: a CPU feature needs a name, such as vmx or avx2");
            }
            else if (!CpuFeaturePolicies.Contains(feature.Policy, StringComparer.Ordinal))
            {
                error("cpu_features", $"feature {index} ({feature.Name}): policy {UserText.Quote(feature.Policy)} must be one of {string.Join(", ", CpuFeaturePolicies)}");
            }
        }

        if (CpuFallback is not null and not ("allow" or "forbid"))
        {
            error("cpu_fallback", $"must be \"allow\" or \"forbid\", got {UserText.Quote(CpuFallback)}");
        }

        if (CpuFallback is not null && CpuMode == "host-passthrough")
        {
            error("cpu_fallback", "has no meaning with cpu_mode host-passthrough, which names no CPU model to fall back from");
        }

        foreach (var (setting, set) in new[] { ("cpuset", Cpuset), ("nodeset", Nodeset) })
        {
            if (set is not null && !Xml.Cpuset.TryParse(set, out _))
            {
                error(setting, $"{UserText.Quote(set)} is not a set of numbers such as 0-3,^2,6");
            }
        }

        foreach (var (pin, index) in (CpuAffinity ?? []).Select((p, i) => (p, i + 1)))
        {
            if (pin is null || pin.Vcpu < 0 || pin.Vcpu >= (Cpus ?? 1))
            {
                error("cpu_affinity", $"entry {index}: vCPU {pin?.Vcpu} does not exist: the machine has vCPUs 0 to {(Cpus ?? 1) - 1}");
            }
            else if (!Xml.Cpuset.TryParse(pin.Cpuset, out _))
            {
                error("cpu_affinity", $"entry {index} (vCPU {pin.Vcpu}): {UserText.Quote(pin.Cpuset)} is not a set of host CPUs such as 0-3,^2,6");
            }
            else if (CpuAffinity!.Take(index - 1).Any(p => p?.Vcpu == pin.Vcpu))
            {
                error("cpu_affinity", $"entry {index}: vCPU {pin.Vcpu} is pinned twice");
            }
        }

        ValidateNuma(error);

        if (Shares is <= 0)
        {
            error("shares", $"must be a positive weight, got {Shares}");
        }

        ValidateMemory(error);
        ValidateFeatures(error);

        if (Uuid is not null && !Guid.TryParse(Uuid, out _))
        {
            error("uuid", $"{UserText.Quote(Uuid)} is not a UUID such as 4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        }
    }

    /// <summary>vagrant-libvirt's rule: each cell is a range <c>a-b</c>, and the last one ends at the last vCPU.</summary>
    private void ValidateNuma(Action<string, string> error)
    {
        if (NumaNodes is not { Length: > 0 } nodes)
        {
            return;
        }

        var next = 0;
        foreach (var (node, index) in nodes.Select((n, i) => (n, i)))
        {
            var match = node is null ? null : NumaCpus().Match(node.Cpus ?? string.Empty);
            if (match is not { Success: true })
            {
                error("numa_nodes", $"cell {index}: cpus {UserText.Quote(node?.Cpus)} must be a range such as 0-1");
                return;
            }

            var (first, last) = (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (first != next || last < first)
            {
                error("numa_nodes", $"cell {index}: cpus {node!.Cpus} must start at vCPU {next} and not run backwards: the cells cover the vCPUs in order");
                return;
            }

            if (node!.MemoryMiB <= 0)
            {
                error("numa_nodes", $"cell {index}: memory must be a positive number of MiB, got {node.MemoryMiB}");
            }

            if (node.MemAccess is not null and not ("shared" or "private"))
            {
                error("numa_nodes", $"cell {index}: mem_access must be \"shared\" or \"private\", got {UserText.Quote(node.MemAccess)}");
            }

            next = last + 1;
        }

        if (next != (Cpus ?? 1))
        {
            error("numa_nodes", $"the cells cover vCPUs 0 to {next - 1}, but libvirt.cpus is {Cpus ?? 1}: together they must cover every vCPU");
        }

        if (nodes.Sum(n => (long)n.MemoryMiB) != (Memory ?? 512))
        {
            error("numa_nodes", $"the cells hold {nodes.Sum(n => (long)n.MemoryMiB)} MiB, but libvirt.memory is {Memory ?? 512} MiB: libvirt refuses cells that do not add up to the memory");
        }
    }

    private void ValidateMemory(Action<string, string> error)
    {
        foreach (var (option, index) in (MemoryBacking ?? []).Select((o, i) => (o, i + 1)))
        {
            if (option is null || !MemoryBackingOptions.TryGetValue(option.Name ?? string.Empty, out var known))
            {
                error("memory_backing", $"entry {index}: {UserText.Quote(option?.Name)} is not a memory backing; use one of {string.Join(", ", MemoryBackingOptions.Keys)}");
                continue;
            }

            foreach (var (name, value) in option.Options ?? new Dictionary<string, string>())
            {
                if (!known.TryGetValue(name, out var values))
                {
                    error("memory_backing", $"entry {index} ({option.Name}): takes {(known.Count == 0 ? "no options" : "only " + string.Join(", ", known.Keys))}, got {UserText.Quote(name)}");
                }
                else if (values.Length > 0 && !values.Contains(value, StringComparer.Ordinal))
                {
                    error("memory_backing", $"entry {index} ({option.Name}): {name} {UserText.Quote(value)} must be one of {string.Join(", ", values)}");
                }
            }

            // vagrant-libvirt's own checks: these three say nothing without their one option.
            var required = option.Name switch { "source" => "type", "access" or "allocation" => "mode", _ => null };
            if (required is not null && option.Options?.ContainsKey(required) != true)
            {
                error("memory_backing", $"entry {index} ({option.Name}): needs {required}");
            }
        }

        foreach (var (tune, index) in (Memtunes ?? []).Select((t, i) => (t, i + 1)))
        {
            if (tune is null || !MemtuneTypes.Contains(tune.Type, StringComparer.Ordinal))
            {
                error("memtunes", $"entry {index}: type {UserText.Quote(tune?.Type)} must be one of {string.Join(", ", MemtuneTypes)}");
            }
            else if (tune.Value < 0)
            {
                error("memtunes", $"entry {index} ({tune.Type}): value must not be negative, got {tune.Value}");
            }
            else if (!MemoryUnits.Contains(tune.Unit, StringComparer.Ordinal))
            {
                error("memtunes", $"entry {index} ({tune.Type}): unit {UserText.Quote(tune.Unit)} must be one of {string.Join(", ", MemoryUnits)}");
            }
            else if (Memtunes!.Take(index - 1).Any(t => t?.Type == tune.Type))
            {
                error("memtunes", $"entry {index}: {tune.Type} is given twice");
            }
        }

        if (MemballoonModel is not null && !MemballoonModels.Contains(MemballoonModel, StringComparer.Ordinal))
        {
            error("memballoon_model", $"must be one of {string.Join(", ", MemballoonModels)}, got {UserText.Quote(MemballoonModel)} (memballoon_enabled = false removes the balloon)");
        }

        if (MemballoonEnabled == false)
        {
            foreach (var (setting, value) in new[] { ("memballoon_model", MemballoonModel), ("memballoon_pci_bus", MemballoonPciBus), ("memballoon_pci_slot", MemballoonPciSlot) })
            {
                if (value is not null)
                {
                    error(setting, "is set, but memballoon_enabled is false: the machine has no balloon to apply it to");
                }
            }
        }

        if (MemballoonPciBus is not null && !(Networks.NetworkOptions.TryPciNumber(MemballoonPciBus, out var bus) && bus is >= 0 and <= 255))
        {
            error("memballoon_pci_bus", $"{UserText.Quote(MemballoonPciBus)} is not a PCI bus: give a number between 0 and 255 (0x-hex or decimal)");
        }

        if (MemballoonPciSlot is not null && !(Networks.NetworkOptions.TryPciNumber(MemballoonPciSlot, out var slot) && slot is >= 0 and <= 31))
        {
            error("memballoon_pci_slot", $"{UserText.Quote(MemballoonPciSlot)} is not a PCI slot: give a number between 0 and 31 (0x-hex or decimal)");
        }
    }

    private void ValidateFeatures(Action<string, string> error)
    {
        foreach (var feature in Features ?? [])
        {
            if (feature is "kvm" or "hyperv")
            {
                error("features", $"{UserText.Quote(feature)} is set by {(feature == "kvm" ? "kvm_hidden" : "features_hyperv")}, not as a plain feature");
            }
            else if (!DomainFeatures.Contains(feature, StringComparer.Ordinal))
            {
                error("features", $"{UserText.Quote(feature)} is not a libvirt domain feature such as acpi, apic, pae, hap or pmu");
            }
        }

        foreach (var (feature, index) in (FeaturesHyperv ?? []).Select((f, i) => (f, i + 1)))
        {
            if (feature is null || !HypervFeatureNames().IsMatch(feature.Name ?? string.Empty))
            {
                error("features_hyperv", $"feature {index}: {UserText.Quote(feature?.Name)} is not a Hyper-V enlightenment such as relaxed, vapic or spinlocks");
            }
            else if (!HypervStates.Contains(feature.State, StringComparer.Ordinal))
            {
                error("features_hyperv", $"feature {index} ({feature.Name}): state {UserText.Quote(feature.State)} must be \"on\" or \"off\"");
            }
            else if (feature.Name == "spinlocks" && feature.State == "on" && feature.Retries is null)
            {
                error("features_hyperv", $"feature {index} (spinlocks): needs retries (at least 4095), as vagrant-libvirt requires");
            }
            else if (feature.Retries is not null && (feature.Name != "spinlocks" || feature.Retries < 4095))
            {
                error("features_hyperv", $"feature {index} ({feature.Name}): retries {(feature.Name != "spinlocks" ? "belongs to spinlocks only" : $"must be at least 4095, got {feature.Retries}")}");
            }
            else if (feature.Value is not null && feature.Name != "vendor_id")
            {
                error("features_hyperv", $"feature {index} ({feature.Name}): value belongs to vendor_id only");
            }
            else if (feature.Name == "vendor_id" && feature.State == "on" && feature.Value is not { Length: >= 1 and <= 12 })
            {
                error("features_hyperv", $"feature {index} (vendor_id): needs a value of 1 to 12 characters");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^([0-9]+)-([0-9]+)$")]
    private static partial System.Text.RegularExpressions.Regex NumaCpus();

    [System.Text.RegularExpressions.GeneratedRegex("^(relaxed|vapic|spinlocks|vpindex|runtime|synic|stimer|reset|vendor_id|frequencies|reenlightenment|tlbflush|ipi|evmcs|avic|emsr_bitmap|xmm_input)$")]
    private static partial System.Text.RegularExpressions.Regex HypervFeatureNames();
}

/// <summary>The guest's CPU topology: <see cref="Sockets"/> × <see cref="Cores"/> × <see cref="Threads"/> vCPUs.</summary>
public sealed record CpuTopology(int Sockets, int Cores, int Threads)
{
    internal string Describe() => $"sockets {Sockets} × cores {Cores} × threads {Threads}";
}

/// <summary>A CPU feature and its policy: force, require, optional, disable or forbid.</summary>
public sealed record CpuFeature(string Name, string Policy);

/// <summary>vCPU <see cref="Vcpu"/> (from 0) runs only on the host CPUs of <see cref="Cpuset"/> (<c>0-3,^2</c>).</summary>
public sealed record VcpuPin(int Vcpu, string Cpuset);

/// <summary>A guest NUMA cell: a range of vCPUs (<c>0-1</c>) and its memory in MiB; <see cref="MemAccess"/> shared or private.</summary>
public sealed record NumaNode(string Cpus, int MemoryMiB, string? MemAccess = null);

/// <summary>A <c>&lt;memoryBacking&gt;</c> child (hugepages, nosharepages, locked, discard, source, access, allocation) and its attributes.</summary>
public sealed record MemoryBackingOption(string Name, IReadOnlyDictionary<string, string>? Options = null);

/// <summary>A <c>&lt;memtune&gt;</c> limit: hard_limit, soft_limit, swap_hard_limit or min_guarantee, in <see cref="Unit"/>.</summary>
public sealed record Memtune(string Type, long Value, string Unit = "KiB");

/// <summary>
/// A Hyper-V enlightenment, on or off; <see cref="Retries"/> is spinlocks' count and <see cref="Value"/> vendor_id's
/// text.
/// </summary>
public sealed record HypervFeature(string Name, string State, int? Retries = null, string? Value = null);
