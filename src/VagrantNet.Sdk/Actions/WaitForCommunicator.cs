using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Waits up to <c>vm.boot_timeout</c> for the communicator to answer, while watching the machine's
/// state: when it leaves <paramref name="allowedStates"/> (the guest crashed or was shut off) the
/// wait fails at once with a clear message instead of running into the timeout.
/// </summary>
public sealed class WaitForCommunicator(IReadOnlyCollection<string> allowedStates, TimeProvider? time = null) : IAction
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How often the machine's state is checked while waiting.</summary>
    public TimeSpan StatePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var timeout = TimeSpan.FromSeconds(machine.Config.Vm.BootTimeout ?? Config.VmConfig.DefaultBootTimeout);
        context.Ui.Info("Waiting for the machine to boot. This may take a few minutes...");
        await EnsureAllowedAsync(machine, context.Cancellation).ConfigureAwait(false);
        if (await machine.SshInfoAsync(context.Cancellation).ConfigureAwait(false) is { } ssh)
        {
            context.Ui.Detail($"SSH address: {ssh.Host}:{ssh.Port}");
            context.Ui.Detail($"SSH username: {ssh.Username}");
            context.Ui.Detail($"SSH auth method: {(ssh.PrivateKeyPaths.Count > 0 ? "private key" : "password")}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var wait = machine.Communicator.WaitForReadyAsync(timeout, stop.Token);
        var watch = WatchStateAsync(machine, stop.Token);
        var first = await Task.WhenAny(wait, watch).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (first == watch && watch.IsFaulted)
        {
            await Observe(wait).ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }

        await Observe(watch).ConfigureAwait(false);
        await wait.ConfigureAwait(false);
        context.Ui.Info("Machine booted and ready!");
        await next(context).ConfigureAwait(false);
    }

    private async Task WatchStateAsync(IMachine machine, CancellationToken cancellation)
    {
        while (true)
        {
            await Task.Delay(StatePollInterval, _time, cancellation).ConfigureAwait(false);
            await EnsureAllowedAsync(machine, cancellation).ConfigureAwait(false);
        }
    }

    private async Task EnsureAllowedAsync(IMachine machine, CancellationToken cancellation)
    {
        var state = await machine.StateAsync(cancellation).ConfigureAwait(false);
        if (!allowedStates.Contains(state.Id))
        {
            throw new VnetError(
                $"Machine '{machine.Name}' stopped being {string.Join(" or ", allowedStates)} while vnet waited for it to answer " +
                $"(state now: {state.ShortDescription}). The guest probably failed to boot; check its console log. {state.LongDescription}".TrimEnd());
        }
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The other task decides the outcome; this one was only stopped.
        }
    }
}
