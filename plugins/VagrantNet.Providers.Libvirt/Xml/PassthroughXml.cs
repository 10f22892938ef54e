using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// Host devices given to the guest: the USB controller, USB and PCI passthrough, SPICE USB redirection with its
/// filter, a smartcard; as vagrant-libvirt writes them.
/// </summary>
internal static class PassthroughXml
{
    public static IEnumerable<XElement> Build(GuestDevices devices)
    {
        if (devices.UsbController is { } usbctl)
        {
            yield return new XElement("controller", new XAttribute("type", "usb"), new XAttribute("index", 0), new XAttribute("model", usbctl.Model),
                usbctl.Ports is null ? null : new XAttribute("ports", usbctl.Ports.Value));
        }

        foreach (var usb in devices.Usbs)
        {
            yield return new XElement("hostdev", new XAttribute("mode", "subsystem"), new XAttribute("type", "usb"),
                new XElement("source", new XAttribute("startupPolicy", usb.StartupPolicy ?? "mandatory"),
                    usb.Vendor is null ? null : new XElement("vendor", new XAttribute("id", usb.Vendor)),
                    usb.Product is null ? null : new XElement("product", new XAttribute("id", usb.Product)),
                    usb.Bus is null || usb.Device is null ? null : new XElement("address", new XAttribute("bus", usb.Bus), new XAttribute("device", usb.Device))));
        }

        foreach (var pci in devices.Pcis)
        {
            var guest = new[] { ("domain", pci.GuestDomain), ("bus", pci.GuestBus), ("slot", pci.GuestSlot), ("function", pci.GuestFunction) }
                .Where(g => g.Item2 is not null).Select(g => new XAttribute(g.Item1, g.Item2!)).ToList();
            yield return new XElement("hostdev", new XAttribute("mode", "subsystem"), new XAttribute("type", "pci"), new XAttribute("managed", "yes"),
                new XElement("source", new XElement("address", new XAttribute("domain", pci.Domain), new XAttribute("bus", pci.Bus),
                    new XAttribute("slot", pci.Slot), new XAttribute("function", pci.Function))),
                guest.Count == 0 ? null : new XElement("address", new XAttribute("type", "pci"), guest));
        }

        foreach (var redirdev in devices.Redirdevs)
        {
            yield return new XElement("redirdev", new XAttribute("bus", "usb"), new XAttribute("type", redirdev.Type));
        }

        if (devices.Redirfilters.Count > 0)
        {
            yield return new XElement("redirfilter", devices.Redirfilters.Select(f => new XElement("usbdev",
                new XAttribute("class", f.Class), new XAttribute("vendor", f.Vendor), new XAttribute("product", f.Product),
                new XAttribute("version", f.Version), new XAttribute("allow", f.Allow ? "yes" : "no"))));
        }

        if (devices.Smartcard is { } card)
        {
            yield return new XElement("smartcard", new XAttribute("mode", card.Mode), new XAttribute("type", card.Type),
                card.Type != "tcp" ? null : new XElement("source", new XAttribute("mode", card.SourceMode!), new XAttribute("host", card.SourceHost!), new XAttribute("service", card.SourceService!)),
                card.Type != "tcp" ? null : new XElement("protocol", new XAttribute("type", "raw")));
        }
    }
}
