using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>
/// <c>config.Trigger</c>: Vagrant's triggers, typed. <c>config.Trigger.Before("up", t => t.Info = "...")</c> runs before
/// the machine's <c>up</c> action, <c>After</c> once the action has finished (after provisioning); <c>"all"</c> names
/// every action (less those in <see cref="TriggerDefinition.Ignore"/>). These are Vagrant's action triggers, its
/// default type: they fire per machine, in the order they were written.
/// </summary>
public sealed class TriggerConfig : ConfigSection
{
    /// <summary>The actions a trigger can name: those the commands run.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "up", "halt", "suspend", "resume", "reload", "destroy", "provision",
        "snapshot_save", "snapshot_restore", "snapshot_delete", "snapshot_list",
    ];

    /// <summary>Names every action.</summary>
    public const string All = "all";

    [NotMerged]
    public IReadOnlyList<TriggerDefinition> BeforeTriggers => _before;

    [NotMerged]
    public IReadOnlyList<TriggerDefinition> AfterTriggers => _after;

    private readonly List<TriggerDefinition> _before = [];

    private readonly List<TriggerDefinition> _after = [];

    /// <summary>A trigger run before each of <paramref name="actions"/>.</summary>
    public void Before(string actions, Action<TriggerDefinition> configure) => Add(_before, [actions], configure);

    /// <inheritdoc cref="Before(string, Action{TriggerDefinition})"/>
    public void Before(string[] actions, Action<TriggerDefinition> configure) => Add(_before, actions, configure);

    /// <summary>A trigger run once each of <paramref name="actions"/> has finished.</summary>
    public void After(string actions, Action<TriggerDefinition> configure) => Add(_after, [actions], configure);

    /// <inheritdoc cref="After(string, Action{TriggerDefinition})"/>
    public void After(string[] actions, Action<TriggerDefinition> configure) => Add(_after, actions, configure);

    /// <summary>The triggers that fire at <paramref name="stage"/> of <paramref name="action"/> on the machine <paramref name="machine"/>.</summary>
    public IReadOnlyList<TriggerDefinition> For(TriggerStage stage, string action, string machine) =>
        [.. (stage == TriggerStage.Before ? _before : _after).Where(t => Matches(t, action, machine))];

    /// <summary>Vagrant's rule: the action named, or "all" less what it ignores; on every machine, or those only_on matches.</summary>
    private static bool Matches(TriggerDefinition trigger, string action, string machine) =>
        (trigger.Action == action || (trigger.Action == All && !trigger.Ignore.Contains(action, StringComparer.Ordinal)))
        && (trigger.OnlyOn.Length == 0 || trigger.OnlyOn.Any(pattern => Regex.IsMatch(machine, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))));

    public override void Merge(ConfigSection other)
    {
        base.Merge(other);
        var theirs = (TriggerConfig)other;
        _before.AddRange(theirs._before);
        _after.AddRange(theirs._after);
    }

    public override void Validate(ValidationErrors errors)
    {
        foreach (var (trigger, stage) in _before.Select(t => (t, "before")).Concat(_after.Select(t => (t, "after"))))
        {
            trigger.Validate(errors, $"trigger.{stage} \"{trigger.Action}\"");
        }
    }

    private static void Add(List<TriggerDefinition> list, string[] actions, Action<TriggerDefinition> configure)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(configure);
        foreach (var action in actions)
        {
            var trigger = new TriggerDefinition(action);
            configure(trigger);
            list.Add(trigger);
        }
    }
}

/// <summary>When a trigger fires: before its action, or once it has finished.</summary>
public enum TriggerStage
{
    Before,
    After,
}

/// <summary>What a failed <c>run</c> or <c>run_remote</c> does: stop the command (Vagrant's <c>:halt</c>), or carry on.</summary>
public enum TriggerOnError
{
    Halt,
    Continue,
}
