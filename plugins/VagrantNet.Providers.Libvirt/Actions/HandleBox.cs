using System.Text.Json;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Finds the machine's box, adding it when it is not installed, and records it in <c>box_meta</c>.</summary>
public sealed class HandleBox : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var box = await context.Machine.Host.ResolveBoxAsync(context.Machine, context.Cancellation).ConfigureAwait(false);
        if (box.Provider != LibvirtConfig.Name)
        {
            throw new LibvirtProviderException($"Machine '{context.Machine.Name}': box '{box.Name}' ({box.Version}) is for the '{box.Provider}' provider, not libvirt.");
        }

        context.Set(LibvirtKeys.Box, box);
        context.Machine.WriteState("box_meta", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["name"] = box.Name,
            ["version"] = box.Version,
            ["provider"] = box.Provider,
            ["architecture"] = box.Architecture,
        }));
        await next(context).ConfigureAwait(false);
    }
}
