using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Once the guest answers SSH, forwards the configured <c>forwarded_port</c>s through the host's
/// <see cref="Plugins.IPortForwarder"/> and lists them as Vagrant does (<c>80 (guest) =&gt; 8080 (host)</c>).
/// </summary>
public sealed class ForwardPorts : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var configured = machine.Config.Vm.Network.Networks.Where(n => n.Kind == NetworkKind.ForwardedPort).ToList();
        if (configured.Count > 0)
        {
            context.Ui.Info("Forwarding ports...");
            if (machine.Host.DryRun)
            {
                foreach (var port in configured)
                {
                    context.Ui.Detail($"would forward {port.GuestPort} (guest) => {port.HostPort} (host)");
                }
            }
            else
            {
                var ssh = await machine.SshInfoAsync(context.Cancellation).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Machine '{machine.Name}' has no SSH address to forward ports through.");
                foreach (var port in await machine.Host.PortForwarder.StartAsync(machine, ssh, context.Cancellation).ConfigureAwait(false))
                {
                    context.Ui.Detail($"{port.GuestPort} (guest) => {port.HostPort} (host)");
                }
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
