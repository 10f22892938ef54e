using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Stops the domain as Vagrant does: a shutdown inside the guest over SSH, then an ACPI shutdown, then a
/// power-off, all within <c>vm.graceful_halt_timeout</c>; with <c>-f</c>, power off at once.
/// </summary>
public sealed class HaltDomain(TimeProvider? time = null) : IAction
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public HaltDomain()
        : this(null)
    {
    }

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var driver = context.Driver();
        var timeout = TimeSpan.FromSeconds(context.Machine.Config.Vm.GracefulHaltTimeout!.Value);
        if (!context.GetOrDefault(CommandKeys.Force, false))
        {
            context.Ui.Info("Attempting graceful shutdown of VM...");
            if (await GuestShutdownAsync(context).ConfigureAwait(false) && await WaitForShutoffAsync(context, driver, timeout).ConfigureAwait(false))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            using (var domain = driver.RequireDomain())
            {
                if (domain.GetState().State == DomainState.Running)
                {
                    context.Ui.Detail("Sending an ACPI shutdown...");
                    domain.Shutdown();
                }
            }

            if (await WaitForShutoffAsync(context, driver, timeout / 2).ConfigureAwait(false))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
        }

        using (var domain = driver.RequireDomain())
        {
            if (domain.IsActive())
            {
                context.Ui.Info("Forcing shutdown of VM...");
                domain.Destroy();
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task<bool> GuestShutdownAsync(ActionContext context)
    {
        try
        {
            if (await context.Machine.SshInfoAsync(context.Cancellation).ConfigureAwait(false) is null)
            {
                return false;
            }

            await context.Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.Halt, context.Cancellation).ConfigureAwait(false);
            await context.Machine.Communicator.ResetAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Machine.Logger.LogDebugMessage($"Graceful halt over SSH failed: {e.Message}");
            return false;
        }
    }

    private async Task<bool> WaitForShutoffAsync(ActionContext context, LibvirtDriver driver, TimeSpan timeout)
    {
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < timeout)
        {
            if (driver.CurrentState() is DomainState.Shutoff or null)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, context.Cancellation).ConfigureAwait(false);
        }

        return driver.CurrentState() is DomainState.Shutoff or null;
    }
}

internal static class LoggerMessages
{
    public static void LogDebugMessage(this Microsoft.Extensions.Logging.ILogger logger, string message) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogDebug(logger, "{Message}", message);
}
