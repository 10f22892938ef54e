using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Names the domain <c>&lt;prefix&gt;&lt;machine&gt;</c> as vagrant-libvirt does. A domain of that name that carries this
/// machine's tag is a leftover of this very machine whose state was lost, and is removed; any other is refused.
/// </summary>
public sealed class SetNameOfDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var name = DomainNaming.For(machine, context.LibvirtConfig());
        using (var existing = context.Driver().FindDomainByName(name))
        {
            if (existing is not null)
            {
                var xml = XElement.Parse(existing.GetXmlDesc(DomainXmlFlags.Inactive));
                if (OwnerTag.Read(xml) != CreateNetworks.OwnerOf(context))
                {
                    throw new LibvirtProviderException($"Machine '{machine.Name}': a libvirt domain named '{name}' already exists and is not this machine's. Remove it (virsh undefine {name}) or set libvirt.default_prefix to use another name.");
                }

                context.Ui.Warn($"Found domain '{name}', left by an earlier vnet run of this machine whose state is gone; removing it...");
                var volumes = HandleBoxImage.OwnVolumes(DestroyDomain.OwnDisks(context, existing));
                var journal = CreationJournal.Adopt(machine, name, existing.Uuid, context.LibvirtConfig().StoragePoolName!, volumes);
                await CreationUndo.RunAsync(context, journal).ConfigureAwait(false);
            }
        }

        context.Set(LibvirtKeys.DomainName, name);
        await next(context).ConfigureAwait(false);
    }
}

/// <summary>vagrant-libvirt's domain names: the project directory and the machine, sanitised for libvirt.</summary>
public static class DomainNaming
{
    public static string For(Sdk.Machines.IMachine machine, LibvirtConfig config)
    {
        var prefix = config.DefaultPrefix ?? machine.Host.SanitizeName(machine.ProjectName) + "_";
        var name = prefix + machine.Name;
        if (config.RandomHostname == true)
        {
            name += "_" + Guid.NewGuid().ToString("N")[..8];
        }

        return name;
    }
}
