using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>The domain's <c>&lt;features&gt;</c>: the plain ones, the KVM signature's hiding and the Hyper-V enlightenments.</summary>
internal static class FeaturesXml
{
    public static XElement Features(DomainSpec spec) =>
        new("features",
            spec.Features.Select(name => new XElement(name)),
            spec.KvmHidden ? new XElement("kvm", new XElement("hidden", new XAttribute("state", "on"))) : null,
            spec.HypervFeatures.Count == 0 ? null : new XElement("hyperv", spec.HypervFeatures.Select(feature => new XElement(feature.Name,
                new XAttribute("state", feature.State),
                feature.Retries is null ? null : new XAttribute("retries", feature.Retries),
                feature.Value is null ? null : new XAttribute("value", feature.Value)))));
}
