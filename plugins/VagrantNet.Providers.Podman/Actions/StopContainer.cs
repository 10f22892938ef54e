using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Stops the container (<c>podman stop</c>): SIGTERM, then SIGKILL after <c>vm.graceful_halt_timeout</c> seconds, or
/// at once with <c>halt --force</c>. Its private-network interfaces die with its network namespace.
/// </summary>
public sealed class StopContainer : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var timeout = context.GetOrDefault(CommandOptionKeys.Force) ? 0 : context.Machine.Config.Vm.GracefulHaltTimeout ?? VmConfig.DefaultGracefulHaltTimeout;
        context.Ui.Info("Stopping the container...");
        await context.Driver().StopAsync(context.ContainerId(), timeout, context.Cancellation).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }
}
