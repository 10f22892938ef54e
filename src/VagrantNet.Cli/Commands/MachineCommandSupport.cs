using Microsoft.Extensions.Logging;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Cli.Commands;

/// <summary>What every machine command does: load the project, pick machines, validate, run a pipeline on each.</summary>
internal sealed class MachineCommandSupport(CliContext context)
{
    /// <summary>Loads the machines named (or all; or only autostart ones), configured for their provider and validated.</summary>
    public async Task<IReadOnlyList<Machine>> MachinesAsync(VnetEnvironment environment, IReadOnlyList<string> names, string? provider, bool onlyAutostart = false)
    {
        var machines = new List<Machine>();
        var errors = new List<ValidationError>();
        foreach (var name in environment.SelectMachines(names, onlyAutostart && names.Count == 0))
        {
            var machine = await environment.MachineAsync(name, provider, context.Interrupts.Cancellation).ConfigureAwait(false);
            errors.AddRange(machine.Configuration.Errors.All);
            machines.Add(machine);
        }

        if (errors.Count > 0)
        {
            throw new VnetException(new ValidationException(errors).Message);
        }

        return machines;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on each machine: at most <paramref name="parallelism"/> at once when the
    /// provider allows it, else in order. Every machine runs even when another fails; the failures are reported
    /// together at the end.
    /// </summary>
    public async Task RunAsync(VnetEnvironment environment, IReadOnlyList<Machine> machines, string action, int parallelism, Action<ActionContext>? seed = null)
    {
        var runner = new ActionRunner(environment.Registry, context.Interrupts);
        var failures = new List<(Machine Machine, Exception Error)>();
        async Task RunOne(Machine machine)
        {
            try
            {
                // Only `up` creates a machine: any other action on one never created must write nothing, not even
                // the lock (and the directories to hold it); with no state there is nothing for another vnet to race on.
                var created = action == ActionNamesWellKnown.Up || Directory.Exists(machine.DataDirectory);

                // A corrupt id file is refused before the lock or any step writes.
                _ = machine.Id;
                await runner.RunAsync(machine, action, seed, lockMachine: created).ConfigureAwait(false);
                await RecordStateAsync(machine).ConfigureAwait(false);
            }
            catch (Exception e) when (e is VnetError or OperationCanceledException)
            {
                lock (failures)
                {
                    failures.Add((machine, e));
                }
            }
        }

        if (parallelism > 1 && machines.Count > 1 && machines.All(m => m.ProviderOptions.Parallel))
        {
            using var slots = new SemaphoreSlim(parallelism);
            async Task RunInSlot(Machine machine)
            {
                if (!slots.Wait(0))
                {
                    machine.Ui.Info($"Waiting to start: {parallelism} machines are already running '{action}' (--parallel {parallelism}).");
                    await slots.WaitAsync().ConfigureAwait(false);
                }

                try
                {
                    // An interrupt stops machines that have not started yet; the running ones recover on their own.
                    if (!context.Interrupts.Cancellation.IsCancellationRequested)
                    {
                        await RunOne(machine).ConfigureAwait(false);
                    }
                }
                finally
                {
                    slots.Release();
                }
            }

            await Task.WhenAll(machines.Select(m => Task.Run(() => RunInSlot(m)))).ConfigureAwait(false);
        }
        else
        {
            foreach (var machine in machines)
            {
                await RunOne(machine).ConfigureAwait(false);
                if (context.Interrupts.Cancellation.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        if (failures.Any(f => f.Error is OperationCanceledException) || context.Interrupts.Cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(context.Interrupts.Cancellation);
        }

        if (failures.Count == 1)
        {
            throw failures[0].Error;
        }

        if (failures.Count > 1)
        {
            throw new VnetException(string.Join(Environment.NewLine + Environment.NewLine, failures.Select(f => f.Error.Message)));
        }
    }

    /// <summary>
    /// The machine's state as its provider reports it. A provider that fails on the id vnet recorded (not a message
    /// meant for users) becomes an error naming the machine and its id file.
    /// </summary>
    public static async Task<MachineState> StateAsync(Machine machine, CancellationToken cancellation)
    {
        try
        {
            return await machine.StateAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not VnetError and not OperationCanceledException)
        {
            throw ProviderFailed(machine, "its state", e);
        }
    }

    /// <summary>The machine's SSH info, with provider failures reported as <see cref="StateAsync"/> does.</summary>
    public static async Task<SshInfo?> SshInfoAsync(Machine machine, CancellationToken cancellation)
    {
        try
        {
            return await machine.SshInfoAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not VnetError and not OperationCanceledException)
        {
            throw ProviderFailed(machine, "how to reach it over SSH", e);
        }
    }

    private static VnetException ProviderFailed(Machine machine, string what, Exception e)
    {
        var idFile = DisplayPath.Of(Path.Combine(machine.DataDirectory, "id"));
        return new VnetException(
            $"Machine '{machine.Name}': the {machine.ProviderName} provider could not tell {what} from the id in {idFile} ({e.Message}). " +
            $"If that file is corrupt and the machine is gone, delete {DisplayPath.Of(machine.DataDirectory)} and run `vnet up`.", e);
    }

    /// <summary>
    /// Keeps the machine index's state current after an action, so <c>global-status</c> can show it without loading
    /// every project. Best effort: a provider that cannot answer leaves the last recorded state.
    /// </summary>
    public static async Task RecordStateAsync(Machine machine)
    {
        if (machine.Host.DryRun || machine.IndexUuid is null)
        {
            return;
        }

        try
        {
            RecordState(machine, await machine.StateAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            machine.Logger.LogDebug(e, "Could not record the state of {Machine} in the machine index", machine.Name);
        }
    }

    /// <summary>Writes <paramref name="state"/> to the machine's index entry when it changed.</summary>
    public static void RecordState(Machine machine, MachineState state)
    {
        if (machine.Host.DryRun || !state.IsCreated || machine.IndexUuid is not { } uuid)
        {
            return;
        }

        try
        {
            var index = new MachineIndex(machine.Host.Paths.MachineIndex);
            if (index.Get(uuid) is { } entry && entry.State != state.Id)
            {
                index.Set(uuid, entry with { State = state.Id });
            }
        }
        catch (Exception e) when (e is VnetError or IOException or UnauthorizedAccessException)
        {
            // The index only saves global-status work; the command itself succeeded.
            machine.Logger.LogDebug(e, "Could not record the state of {Machine} in the machine index", machine.Name);
        }
    }
}
