using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Waits for the management NIC's DHCP lease, bounded by <c>vm.boot_timeout</c>. A boot that cannot finish is
/// never waited out: when the domain stops running (shut off, or paused by an emulation failure) the step fails at
/// once with the tail of the serial console; when the guest's kernel panics (its panic line on the console, or the
/// pvpanic device making libvirt report a crash) the guest is booted again up to <c>libvirt.boot_retries</c> times,
/// then the step fails with the console tail.
/// </summary>
public sealed class WaitForLease(TimeProvider? time = null) : IAction
{
    /// <summary>libvirt's VIR_DOMAIN_SHUTOFF_CRASHED: on_crash=destroy after the guest reported a panic.</summary>
    private const int ShutoffCrashed = 3;

    /// <summary>libvirt's VIR_DOMAIN_PAUSED_CRASHED: on_crash=preserve after the guest reported a panic.</summary>
    private const int PausedCrashed = 9;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public WaitForLease()
        : this(null)
    {
    }

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var driver = context.Driver();
        var config = context.LibvirtConfig();
        var name = context.Machine.Name;
        var console = SerialLog.PathFor(config, driver.DomainName() ?? string.Empty);
        var retries = config.BootRetries ?? 0;
        context.Ui.Info("Waiting for domain to get an IP address...");
        for (var retry = 0; ; retry++)
        {
            var panic = await WaitForAddressOrPanicAsync(context, driver, console).ConfigureAwait(false);
            if (panic is null)
            {
                break;
            }

            if (retry == retries)
            {
                var tries = retries == 0 ? string.Empty : $" (booted {retries + 1} times: libvirt.boot_retries = {retries})";
                throw new LibvirtProviderException($"Machine '{name}' panicked while it booted{tries}: {panic}{Tail(console)}");
            }

            context.Ui.Warn($"Machine '{name}' panicked while it booted ({panic}); booting it again (retry {retry + 1} of {retries}).");
            Reboot(driver);
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Polls once a second until the lease (returns null) or a panic (returns what the kernel said).</summary>
    private async Task<string?> WaitForAddressOrPanicAsync(ActionContext context, LibvirtDriver driver, string? console)
    {
        var timeout = TimeSpan.FromSeconds(context.Machine.Config.Vm.BootTimeout!.Value);
        var started = _time.GetTimestamp();
        while (true)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using (var domain = driver.RequireDomain())
            {
                var (state, reason) = domain.GetState();
                if (IsCrash(state, reason))
                {
                    return SerialLog.PanicLine(console) ?? "libvirt reports the domain crashed (the guest signalled a panic)";
                }

                if (state != DomainState.Running)
                {
                    throw new LibvirtProviderException(BootFailure(context, state, reason, console));
                }
            }

            if (SerialLog.PanicLine(console) is { } panic)
            {
                return panic;
            }

            if (driver.ManagementAddress() is { } address)
            {
                context.Ui.Detail($"IP address: {address} (after {_time.GetElapsedTime(started).TotalSeconds:0} s)");
                return null;
            }

            if (_time.GetElapsedTime(started) > timeout)
            {
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}' did not get an IP address within vm.boot_timeout ({timeout.TotalSeconds:0} s).{Tail(console)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, context.Cancellation).ConfigureAwait(false);
        }
    }

    private static bool IsCrash(DomainState state, int reason) =>
        state == DomainState.Crashed
        || (state == DomainState.Shutoff && reason == ShutoffCrashed)
        || (state == DomainState.Paused && reason == PausedCrashed);

    /// <summary>Powers the panicked guest off (unless on_crash did) and starts it again; libvirt truncates the console log.</summary>
    private static void Reboot(LibvirtDriver driver)
    {
        using var domain = driver.RequireDomain();
        if (domain.IsActive())
        {
            domain.Destroy();
        }

        domain.Create();
    }

    private static string BootFailure(ActionContext context, DomainState state, int reason, string? console)
    {
        var hint = state == DomainState.Paused && context.GetOrDefault(LibvirtKeys.DomainType) == "kvm"
            ? " The guest was paused while booting under KVM, which usually means KVM cannot run it on this host: set libvirt.driver = \"qemu\"."
            : string.Empty;
        return $"Machine '{context.Machine.Name}' stopped running while it booted: the domain is {state.ToString().ToLowerInvariant()} (reason {reason}).{hint}{Tail(console)}";
    }

    private static string Tail(string? console)
    {
        var tail = SerialLog.Tail(console);
        return tail.Length == 0 ? string.Empty : $"{Environment.NewLine}Last lines of the serial console:{Environment.NewLine}{tail}";
    }
}
