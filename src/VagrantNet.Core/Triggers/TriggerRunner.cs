using VagrantNet.Core.Machines;
using VagrantNet.Core.Provisioners;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Triggers;

/// <summary>
/// Fires a machine's triggers for one stage of one action, as Vagrant does: each trigger's info, warn, abort, run and
/// run_remote in that order; a failed run stops the command unless the trigger says <c>on_error: continue</c>.
/// </summary>
public sealed class TriggerRunner(Machine machine)
{
    public async Task FireAsync(TriggerStage stage, string action, CancellationToken cancellation)
    {
        var triggers = machine.Config.Trigger.For(stage, action, machine.Name);
        if (triggers.Count == 0)
        {
            return;
        }

        var ui = machine.Ui;
        ui.Info($"Running action triggers {(stage == TriggerStage.Before ? "before" : "after")} {action} ...");
        foreach (var trigger in triggers)
        {
            ui.Info(trigger.Name is null ? "Running trigger..." : $"Running trigger: {trigger.Name}...");
            if (trigger.Info is { } info)
            {
                ui.Info(info);
            }

            if (trigger.Warn is { } warn)
            {
                ui.Warn(warn);
            }

            if (trigger.Abort is { } code)
            {
                ui.Warn("vnet has been configured to abort. Terminating now...");
                throw new TriggerAbortException(code);
            }

            if (trigger.Run is { } run)
            {
                await OnErrorAsync(trigger, () => RunLocalAsync(run, trigger.ExitCodes, cancellation)).ConfigureAwait(false);
            }

            if (trigger.RunRemote is { } remote)
            {
                await OnErrorAsync(trigger, () => RunRemoteAsync(remote, trigger.ExitCodes, cancellation)).ConfigureAwait(false);
            }
        }
    }

    private async Task OnErrorAsync(TriggerDefinition trigger, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (VnetError e) when (trigger.OnError == TriggerOnError.Continue)
        {
            machine.Ui.Error("Trigger run failed");
            machine.Ui.Error(e.Message);
            machine.Ui.Warn("Trigger configured to continue on error...");
        }
    }

    private async Task RunLocalAsync(TriggerRun run, int[] success, CancellationToken cancellation)
    {
        IReadOnlyList<string> words;
        if (run.Inline is { } inline)
        {
            machine.Ui.Detail("Running local: Inline script");
            machine.Ui.Detail(inline);
            try
            {
                words = ShellWords.Split(inline);
            }
            catch (FormatException e)
            {
                throw new VnetException($"Machine '{machine.Name}': a trigger's run inline cannot be split into words: {e.Message}");
            }
        }
        else
        {
            var path = Path.GetFullPath(run.Path!, machine.ProjectDirectory);
            machine.Ui.Detail($"Running local script: {run.Path}");
            words = [path, .. run.Args];
        }

        if (words.Count == 0)
        {
            throw new VnetException($"Machine '{machine.Name}': a trigger's run inline is empty.");
        }

        var result = await machine.Host.Processes.RunAsync(
            new ProcessRequest(words[0], [.. words.Skip(1)])
            {
                WorkingDirectory = machine.ProjectDirectory,
                OnStdout = line => machine.Ui.Detail(line),
                OnStderr = line => machine.Ui.Detail(line),
            },
            cancellation).ConfigureAwait(false);
        if (!success.Contains(result.ExitCode))
        {
            throw new VnetException($"Machine '{machine.Name}': a trigger's run exited with status {result.ExitCode} (exit_codes: {string.Join(", ", success)}).");
        }
    }

    private async Task RunRemoteAsync(ShellProvisionerConfig remote, int[] success, CancellationToken cancellation)
    {
        var state = await machine.StateAsync(cancellation).ConfigureAwait(false);
        if (state.Id != "running")
        {
            throw new VnetException($"Machine '{machine.Name}' is not running (state: {state.Id}): a trigger's run_remote needs a running guest.");
        }

        await new ShellProvisioner().RunAsync(machine, remote, "a trigger's run_remote", success, cancellation).ConfigureAwait(false);
    }
}
