using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Xml;
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
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The defined type, unless libvirt.driver now asks for another: then decided as at creation (a forced kvm that cannot run fails here).</summary>
    private static string DomainType(ActionContext context, LibvirtConfig config, string defined) =>
        config.Driver is null || config.Driver == defined
            ? defined
            : DriverChoice.Decide(config.Driver, context.Driver().IsLocal, () => new KvmProbe(context.Machine.Host).WhyNotUsable(), context.Machine.Name).DomainType;
}
