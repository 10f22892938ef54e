using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The domain's <c>&lt;cpu&gt;</c> (mode, model, features, topology, NUMA cells), <c>&lt;cputune&gt;</c> and
/// <c>&lt;numatune&gt;</c>, as vagrant-libvirt's template writes them.
/// </summary>
internal static class CpuXml
{
    public static XElement Vcpu(DomainSpec spec) =>
        new("vcpu", spec.Cpuset is null ? null : new XAttribute("cpuset", spec.Cpuset), spec.Cpus);

    public static XElement? Cpu(DomainSpec spec)
    {
        var mode = spec.CpuMode ?? (spec.DomainType == "kvm" ? "host-model" : null);
        mode = mode is "none" ? null : mode;

        // libvirt refuses features without a CPU model: under TCG with no cpu_mode, name QEMU's default model.
        if (mode is null && spec.CpuFeatures.Count > 0)
        {
            mode = "custom";
        }

        if (mode is null && spec.CpuTopology is null && spec.NumaNodes.Count == 0)
        {
            return null;
        }

        var cpu = new XElement("cpu", mode is null ? null : new XAttribute("mode", mode));
        if (mode == "custom")
        {
            cpu.Add(new XAttribute("match", "exact"), new XElement("model", new XAttribute("fallback", spec.CpuFallback ?? "allow"), spec.CpuModel ?? "qemu64"));
        }
        else if (mode == "host-model" && spec.CpuFallback is not null)
        {
            cpu.Add(new XElement("model", new XAttribute("fallback", spec.CpuFallback)));
        }

        if (spec.Nested)
        {
            // As vagrant-libvirt: a feature the user names keeps the user's policy.
            foreach (var name in new[] { "vmx", "svm" }.Where(n => spec.CpuFeatures.All(f => f.Name != n)))
            {
                cpu.Add(new XElement("feature", new XAttribute("policy", "optional"), new XAttribute("name", name)));
            }
        }

        foreach (var feature in spec.CpuFeatures)
        {
            cpu.Add(new XElement("feature", new XAttribute("policy", feature.Policy), new XAttribute("name", feature.Name)));
        }

        if (spec.CpuTopology is { } topology)
        {
            cpu.Add(new XElement("topology", new XAttribute("sockets", topology.Sockets), new XAttribute("cores", topology.Cores), new XAttribute("threads", topology.Threads)));
        }

        if (spec.NumaNodes.Count > 0)
        {
            cpu.Add(new XElement("numa", spec.NumaNodes.Select((node, index) => new XElement("cell",
                new XAttribute("id", index), new XAttribute("cpus", node.Cpus), new XAttribute("memory", node.MemoryMiB), new XAttribute("unit", "MiB"),
                node.MemAccess is null ? null : new XAttribute("memAccess", node.MemAccess)))));
        }

        return cpu;
    }

    public static XElement? Cputune(DomainSpec spec) =>
        spec.CpuAffinity.Count == 0 && spec.Shares is null
            ? null
            : new XElement("cputune",
                spec.CpuAffinity.Select(pin => new XElement("vcpupin", new XAttribute("vcpu", pin.Vcpu), new XAttribute("cpuset", pin.Cpuset))),
                spec.Shares is null ? null : new XElement("shares", spec.Shares));

    public static XElement? Numatune(DomainSpec spec) =>
        spec.Nodeset is null ? null : new XElement("numatune", new XElement("memory", new XAttribute("nodeset", spec.Nodeset)));
}
