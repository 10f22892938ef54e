using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>Whether the provider reports the machine in one of the given states (ids such as <c>running</c>, <c>paused</c>).</summary>
public sealed class IsState : ICondition, IDescribedAction
{
    private readonly string[] _ids;

    public IsState(params string[] ids)
    {
        if (ids.Length == 0)
        {
            throw new ArgumentException("IsState needs at least one state id.", nameof(ids));
        }

        _ids = ids;
    }

    public string Description => $"IsState({string.Join("|", _ids)})";

    public async Task<bool> EvaluateAsync(ActionContext context)
    {
        var state = await context.Machine.StateAsync(context.Cancellation).ConfigureAwait(false);
        return _ids.Contains(state.Id, StringComparer.Ordinal);
    }
}
