using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Waits for the management NIC's DHCP lease, bounded by <c>vm.boot_timeout</c>. Fails at once, with the tail of
/// the serial console, when the domain stops running (crashed, shut off, or paused by an emulation failure):
/// a boot that cannot finish is never waited out.
/// </summary>
public sealed class WaitForLease(TimeProvider? time = null) : IAction
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public WaitForLease()
        : this(null)
    {
    }

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var driver = context.Driver();
        var timeout = TimeSpan.FromSeconds(context.Machine.Config.Vm.BootTimeout!.Value);
        context.Ui.Info("Waiting for domain to get an IP address...");
        var started = _time.GetTimestamp();
        while (true)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using (var domain = driver.RequireDomain())
            {
                var (state, reason) = domain.GetState();
                if (state != DomainState.Running)
                {
                    throw new LibvirtProviderException(BootFailure(context, driver, state, reason));
                }
            }

            if (driver.ManagementAddress() is { } address)
            {
                context.Ui.Detail($"IP address: {address} (after {_time.GetElapsedTime(started).TotalSeconds:0} s)");
                break;
            }

            if (_time.GetElapsedTime(started) > timeout)
            {
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}' did not get an IP address within vm.boot_timeout ({timeout.TotalSeconds:0} s).{Tail(context, driver)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }

    private static string BootFailure(ActionContext context, LibvirtDriver driver, DomainState state, int reason)
    {
        var hint = state == DomainState.Paused && context.GetOrDefault(LibvirtKeys.DomainType) == "kvm"
            ? " The guest was paused while booting under KVM, which usually means KVM cannot run it on this host: set libvirt.driver = \"qemu\"."
            : string.Empty;
        return $"Machine '{context.Machine.Name}' stopped running while it booted: the domain is {state.ToString().ToLowerInvariant()} (reason {reason}).{hint}{Tail(context, driver)}";
    }

    private static string Tail(ActionContext context, LibvirtDriver driver)
    {
        var tail = SerialLog.Tail(SerialLog.PathFor(context.LibvirtConfig(), driver.DomainName() ?? string.Empty));
        return tail.Length == 0 ? string.Empty : $"{Environment.NewLine}Last lines of the serial console:{Environment.NewLine}{tail}";
    }
}
