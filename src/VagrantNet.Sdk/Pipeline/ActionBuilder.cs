namespace VagrantNet.Sdk.Pipeline;

/// <summary>
/// Builds a pipeline as Vagrant's builder does: a list of steps, <see cref="Call{TCondition}"/> branches,
/// and hooks that insert steps before or after a step type (also inside branches). Frozen once built: a step added
/// later would never run, so it is refused.
/// </summary>
public sealed class ActionBuilder
{
    private readonly List<Step> _steps = [];
    private bool _built;

    public IReadOnlyList<Step> Steps => _steps;

    public ActionBuilder Use<T>()
        where T : IAction, new() => Use(new T());

    public ActionBuilder Use(IAction action)
    {
        RefuseIfBuilt();
        _steps.Add(new Step(action));
        return this;
    }

    /// <summary>Splices every step of <paramref name="other"/> in here, as Vagrant's <c>use(builder)</c> does.</summary>
    public ActionBuilder Use(ActionBuilder other)
    {
        RefuseIfBuilt();
        _steps.AddRange(other._steps);
        return this;
    }

    /// <summary>Evaluates <typeparamref name="TCondition"/> when reached, then runs the branch built for its result.</summary>
    public ActionBuilder Call<TCondition>(Action<bool, ActionBuilder> branch)
        where TCondition : ICondition, new() => Call(new TCondition(), branch);

    public ActionBuilder Call(ICondition condition, Action<bool, ActionBuilder> branch)
    {
        RefuseIfBuilt();
        _steps.Add(new Step(new BranchAction(condition, branch)));
        return this;
    }

    /// <summary>Inserts <paramref name="action"/> before every step of type <typeparamref name="TExisting"/>, branches included.</summary>
    public ActionBuilder InsertBefore<TExisting>(IAction action)
        where TExisting : IAction => Insert(typeof(TExisting), action, offset: 0);

    /// <summary>Inserts <paramref name="action"/> after every step of type <typeparamref name="TExisting"/>, branches included.</summary>
    public ActionBuilder InsertAfter<TExisting>(IAction action)
        where TExisting : IAction => Insert(typeof(TExisting), action, offset: 1);

    /// <summary>The runnable pipeline; the builder takes no more steps after it.</summary>
    public ActionPipeline Build()
    {
        _built = true;
        return new([.. _steps.Select(s => s.Action)]);
    }

    /// <summary>
    /// The recipe as indented lines, branches expanded for both results: for tests and dry runs. A step that works after
    /// the rest (<see cref="IWorksAfterTheRest"/>) is listed where it is entered and marked "(after the rest)": its work
    /// comes once the steps below it are done.
    /// </summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        Describe(lines, 0);
        return lines;
    }

    internal void Describe(List<string> lines, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var step in _steps)
        {
            if (step.Action is BranchAction branch)
            {
                lines.Add($"{indent}{ActionNames.Of(branch.Condition)}?");
                foreach (var result in new[] { true, false })
                {
                    var inner = branch.BuildBranch(result);
                    lines.Add($"{indent}  {(result ? "yes" : "no")}:{(inner._steps.Count == 0 ? " (nothing)" : string.Empty)}");
                    inner.Describe(lines, depth + 2);
                }
            }
            else
            {
                lines.Add(indent + ActionNames.Of(step.Action) + (step.Action is IWorksAfterTheRest ? " (after the rest)" : string.Empty));
            }
        }
    }

    private ActionBuilder Insert(Type existing, IAction action, int offset)
    {
        RefuseIfBuilt();
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            if (existing.IsInstanceOfType(_steps[i].Action))
            {
                _steps.Insert(i + offset, new Step(action));
            }
            else if (_steps[i].Action is BranchAction branch)
            {
                branch.Hooks.Add(b => b.Insert(existing, action, offset));
            }
        }

        return this;
    }

    private void RefuseIfBuilt()
    {
        if (_built)
        {
            var steps = string.Join(", ", _steps.Select(s => ActionNames.Of(s.Action) + (s.Action is BranchAction ? "?" : string.Empty)));
            throw new InvalidOperationException($"The ActionBuilder [{steps}] was already built; add or insert steps (hooks included) before Build().");
        }
    }

    public sealed record Step(IAction Action);
}

/// <summary>Readable names for steps: the type name, or <see cref="IDescribedAction.Description"/>.</summary>
public static class ActionNames
{
    public static string Of(object step) => step is IDescribedAction described ? described.Description : step.GetType().Name;

    /// <summary>The step's name as users read it in an error: <c>HandleBoxImage</c> is "handle box image".</summary>
    public static string InWords(object step)
    {
        if (step is IDescribedAction described)
        {
            return described.Description;
        }

        var name = step.GetType().Name;
        var words = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                words.Append(' ');
            }

            words.Append(char.IsUpper(c) && (i + 1 >= name.Length || !char.IsUpper(name[i + 1])) ? char.ToLowerInvariant(c) : c);
        }

        return words.ToString();
    }
}

/// <summary>A step that describes itself (for inline steps and dry runs).</summary>
public interface IDescribedAction
{
    string Description { get; }
}

/// <summary>
/// A step that does its work after the rest of the pipeline, on the way back (provisioning once the machine has booted,
/// say), so that <see cref="ActionBuilder.Describe()"/> can tell when things happen.
/// </summary>
public interface IWorksAfterTheRest;
