using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>Names the container: <c>podman.container_name</c>, else <c>&lt;project&gt;_&lt;machine&gt;</c> as the libvirt provider names domains.</summary>
public sealed class SetNameOfContainer : IAction
{
    public Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        context.Set(PodmanKeys.ContainerName, context.Config().ContainerName ?? machine.Host.SanitizeName($"{machine.ProjectName}_{machine.Name}"));
        return next(context);
    }
}
