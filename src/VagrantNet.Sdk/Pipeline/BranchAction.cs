namespace VagrantNet.Sdk.Pipeline;

/// <summary>Vagrant's <c>Call</c>: evaluates a condition, builds the branch for its result and runs it followed by the rest of the outer chain.</summary>
internal sealed class BranchAction(ICondition condition, Action<bool, ActionBuilder> branch) : IAction, IDescribedAction
{
    public ICondition Condition { get; } = condition;

    /// <summary>Hooks registered on the outer builder, applied to the branch when it is built.</summary>
    public List<Action<ActionBuilder>> Hooks { get; } = [];

    public string Description => ActionNames.Of(Condition);

    public ActionBuilder BuildBranch(bool result)
    {
        var builder = new ActionBuilder();
        branch(result, builder);
        foreach (var hook in Hooks)
        {
            hook(builder);
        }

        return builder;
    }

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var result = await Condition.EvaluateAsync(context).ConfigureAwait(false);
        var inner = BuildBranch(result).Build();
        await inner.RunStepsAsync(context, next).ConfigureAwait(false);
    }
}
