using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Before a start, makes the defined domain match the config, as vagrant-libvirt does at every start: so `reload`, and `up`
/// of a halted machine, apply a changed memory, CPU count, CPU mode, driver, graphics or video, and say what changed.
/// </summary>
public sealed class UpdateDomainDefinition : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        var driver = context.Driver();
        using (var domain = driver.RequireDomain())
        {
            // Secure: the XML keeps the graphics password, which a redefinition must not drop.
            var current = XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive | DomainXmlFlags.Secure));
            var domainType = DomainType(context, config, current.Attribute("type")?.Value ?? "qemu");
            var desired = DomainXmlBuilder.Build(CreateDomain.FromConfig(config, domain.Name, domainType));
            var changes = DomainDefinitionUpdate.Apply(current, desired);
            if (changes.Count > 0)
            {
                context.Ui.Info("Updating domain definition due to configuration change:");
                foreach (var change in changes)
                {
                    context.Ui.Detail($" -- {change.Setting,-12} {change.Was} -> {change.Now}");
                }

                context.Machine.Logger.LogDebug("Redefining domain {Domain}:\n{Xml}", domain.Name, current);
                using var redefined = driver.DefineDomain(current);
            }

            WarnOfDevicesNotApplied(context, config, current);
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Disks and NICs are not redefined on an existing machine (their volumes and networks are made at creation): say so
    /// when the config's count differs from the domain's, rather than let a new disk or network look applied.
    /// </summary>
    private static void WarnOfDevicesNotApplied(ActionContext context, LibvirtConfig config, XElement current)
    {
        var devices = current.Element("devices");
        var definedDisks = devices?.Elements("disk").Count(d => (string?)d.Attribute("device") == "disk") ?? 0;
        var definedNics = devices?.Elements("interface").Count() ?? 0;
        var wantedDisks = (CreateDomainVolume.HasRootDisk(context.Machine.Config, config) ? 1 : 0) + config.Storage.Count;
        var wantedNics = context.Machine.Config.Vm.Network.Networks.Count(n => n.Kind != NetworkKind.ForwardedPort) + (config.MgmtAttach == false ? 0 : 1);
        if (definedDisks != wantedDisks || definedNics != wantedNics)
        {
            context.Ui.Warn($"The config gives this machine {wantedDisks} disk(s) and {wantedNics} NIC(s); its domain was created with {definedDisks} and {definedNics}. " +
                "vnet does not yet add or remove disks and NICs on an existing machine: `vnet destroy` then `vnet up` applies them.");
        }
    }

    /// <summary>The defined type, unless libvirt.driver now asks for another: then decided as at creation (a forced kvm that cannot run fails here).</summary>
    private static string DomainType(ActionContext context, LibvirtConfig config, string defined) =>
        config.Driver is null || config.Driver == defined
            ? defined
            : DriverChoice.Decide(config.Driver, context.Driver().IsLocal, () => new KvmProbe(context.Machine.Host).WhyNotUsable(), context.Machine.Name).DomainType;
}
