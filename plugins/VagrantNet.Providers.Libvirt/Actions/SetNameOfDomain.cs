using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Names the domain <c>&lt;prefix&gt;&lt;machine&gt;</c> as vagrant-libvirt does, and refuses a name already taken.</summary>
public sealed class SetNameOfDomain : IAction
{
    public Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var name = DomainNaming.For(context.Machine, context.LibvirtConfig());
        using (var existing = context.Driver().FindDomainByName(name))
        {
            if (existing is not null)
            {
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}': a libvirt domain named '{name}' already exists and is not this machine's. Remove it (virsh undefine {name}) or set libvirt.default_prefix to use another name.");
            }
        }

        context.Set(LibvirtKeys.DomainName, name);
        return next(context);
    }
}

/// <summary>vagrant-libvirt's domain names: the project directory and the machine, sanitised for libvirt.</summary>
public static class DomainNaming
{
    public static string For(Sdk.Machines.IMachine machine, LibvirtConfig config)
    {
        var prefix = config.DefaultPrefix ?? Sanitize(machine.ProjectName) + "_";
        var name = prefix + machine.Name;
        if (config.RandomHostname == true)
        {
            name += "_" + Guid.NewGuid().ToString("N")[..8];
        }

        return name;
    }

    private static string Sanitize(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
