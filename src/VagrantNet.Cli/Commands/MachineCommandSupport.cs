using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Actions;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;

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
    /// Runs <paramref name="action"/> on each machine: in parallel when asked and the provider allows it, else in
    /// order. Every machine runs even when another fails; the failures are reported together at the end.
    /// </summary>
    public async Task RunAsync(VnetEnvironment environment, IReadOnlyList<Machine> machines, string action, bool parallel, Action<ActionContext>? seed = null)
    {
        var runner = new ActionRunner(environment.Registry, context.Interrupts);
        var failures = new List<(Machine Machine, Exception Error)>();
        async Task RunOne(Machine machine)
        {
            try
            {
                await runner.RunAsync(machine, action, seed).ConfigureAwait(false);
            }
            catch (Exception e) when (e is VnetError or OperationCanceledException)
            {
                lock (failures)
                {
                    failures.Add((machine, e));
                }
            }
        }

        if (parallel && machines.Count > 1 && machines.All(m => m.ProviderOptions.Parallel))
        {
            await Task.WhenAll(machines.Select(m => Task.Run(() => RunOne(m)))).ConfigureAwait(false);
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

        if (failures.Any(f => f.Error is OperationCanceledException))
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
}
