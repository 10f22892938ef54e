using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Testing;

/// <summary>Runs a recipe as vnet runs a command's pipeline: built once, on a fresh context for the machine.</summary>
public sealed class RecipeFixture(IMachine machine)
{
    public IMachine Machine { get; } = machine;

    /// <summary>The command's cancellation (Ctrl+C); none by default.</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Builds and runs <paramref name="recipe"/>; <paramref name="prepare"/> puts in what the command would (options, names).</summary>
    /// <returns>The context after the run, holding what the steps set.</returns>
    public async Task<ActionContext> RunAsync(ActionBuilder recipe, Action<ActionContext>? prepare = null)
    {
        var context = new ActionContext(Machine, Cancellation);
        prepare?.Invoke(context);
        await recipe.Build().RunAsync(context).ConfigureAwait(false);
        return context;
    }
}
