using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Runs the configured provisioners after the rest of the pipeline (boot, synced folders), with
/// Vagrant's rules:
/// <list type="bullet">
/// <item><c>--no-provision</c> runs nothing; <c>--provision</c> (and <c>vnet provision</c>) runs every <c>once</c> and <c>always</c> one.</item>
/// <item>Otherwise the <c>action_provision</c> sentinel decides: absent, or written for another machine id, means a new
/// machine, so <c>once</c> and <c>always</c> ones run and the sentinel (<c>1.5:&lt;id&gt;</c>) is written once they all
/// finished (a vnet killed half way provisions again next time); present means only <c>always</c> ones run.</item>
/// <item><c>--provision-with a,b</c> keeps only those (by name or type) and implies provisioning; <c>never</c> ones run only when named.</item>
/// </list>
/// </summary>
public sealed class Provision : IAction, IWorksAfterTheRest
{
    public const string SentinelFile = "action_provision";

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        await next(context).ConfigureAwait(false);

        var machine = context.Machine;
        var with = context.GetOrDefault(BuiltinKeys.ProvisionWith);
        if (with is { Count: 0 })
        {
            with = null;
        }

        var requested = context.GetOrDefault(BuiltinKeys.Provision) ?? (with is null ? null : true);
        if (requested == false)
        {
            context.Ui.Info("Machine not provisioned because `--no-provision` is specified.");
            return;
        }

        var provisioned = IsProvisioned(machine);
        if (provisioned && requested is null)
        {
            context.Ui.Info("Machine already provisioned. Run `vnet provision` or use `--provision` to provision it again; provisioners marked run: always still run.");
        }

        var onceToo = requested == true || !provisioned;
        var all = machine.Config.Vm.Provision.Provisioners;
        bool Selected(ProvisionerDefinition p)
        {
            if (p.Run == Run.Never)
            {
                return with is not null && p.Name is not null && with.Contains(p.Name);
            }

            if (with is not null && !with.Contains(p.Type) && (p.Name is null || !with.Contains(p.Name)))
            {
                return false;
            }

            return onceToo || p.Run == Run.Always;
        }

        var ordered = ProvisionerOrder.Sort([.. all.Where(p => !ProvisionerOrder.IsWrapper(p))]).Where(Selected).ToList();
        var wrappers = all.Where(ProvisionerOrder.IsWrapper).Where(Selected).ToList();
        foreach (var definition in ProvisionerOrder.Wrap(ordered, wrappers))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            context.Ui.Info(definition.Name is null
                ? $"Running provisioner: {definition.Type}..."
                : $"Running provisioner: {definition.Name} ({definition.Type})...");
            var provisioner = machine.Host.CreateProvisioner(definition.Type);
            await provisioner.ProvisionAsync(machine, definition, context.Cancellation).ConfigureAwait(false);
        }

        if (!provisioned && machine.Id is { } id)
        {
            machine.WriteState(SentinelFile, $"1.5:{id}");
        }
    }

    /// <summary>Whether the sentinel says this very machine (same id) was provisioned already; a stale sentinel is removed.</summary>
    public static bool IsProvisioned(IMachine machine)
    {
        var sentinel = machine.ReadState(SentinelFile);
        if (sentinel is null)
        {
            return false;
        }

        // Vagrant's format is "1.5:<machine id>"; an older sentinel without an id counts as provisioned.
        if (!sentinel.StartsWith("1.5:", StringComparison.Ordinal))
        {
            return true;
        }

        if (sentinel[4..] == machine.Id)
        {
            return true;
        }

        machine.DeleteState(SentinelFile);
        return false;
    }
}
