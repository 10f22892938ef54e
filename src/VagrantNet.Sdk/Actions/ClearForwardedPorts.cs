using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>Stops the port forwarding <see cref="ForwardPorts"/> started, before the machine stops or goes away.</summary>
public sealed class ClearForwardedPorts : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        if (!machine.Host.DryRun && await machine.Host.PortForwarder.StopAsync(machine, context.Cancellation).ConfigureAwait(false))
        {
            context.Ui.Info("Cleared the forwarded ports.");
        }

        await next(context).ConfigureAwait(false);
    }
}
