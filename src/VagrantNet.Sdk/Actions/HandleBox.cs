using System.Text.Json;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Finds the machine's box, adding it when it is not installed (<see cref="Plugins.IVnetHost.ResolveBoxAsync"/>), refuses a
/// box made for another provider, records it in <c>box_meta</c> as Vagrant does and hands it on in <see cref="BuiltinKeys.Box"/>.
/// </summary>
public sealed class HandleBox : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var box = await machine.Host.ResolveBoxAsync(machine, context.Cancellation).ConfigureAwait(false);
        if (box.Provider != machine.ProviderName)
        {
            throw new VnetError($"Machine '{machine.Name}': box '{box.Name}' ({box.Version}) is for the '{box.Provider}' provider, not '{machine.ProviderName}'; use a box made for '{machine.ProviderName}' or another provider.");
        }

        context.Set(BuiltinKeys.Box, box);
        machine.WriteState("box_meta", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["name"] = box.Name,
            ["version"] = box.Version,
            ["provider"] = box.Provider,
            ["architecture"] = box.Architecture,
        }));
        await next(context).ConfigureAwait(false);
    }
}
