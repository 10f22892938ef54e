using VagrantNet.Sdk.Pipeline;

namespace Company.Provider.Actions;

/// <summary>Creates the machine and records its id; a later step's failure removes it again.</summary>
public sealed class CreateMachine : IAction, IRecoverable
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var settings = (Settings)context.Machine.ProviderConfig;
        context.Ui.Info($"Creating the machine with {settings.Cpus} CPU(s)...");
        context.Machine.Id = Guid.NewGuid().ToString("N");
        await next(context).ConfigureAwait(false);
    }

    public Task RecoverAsync(ActionContext context, Exception error)
    {
        context.Machine.Id = null;
        return Task.CompletedTask;
    }
}
