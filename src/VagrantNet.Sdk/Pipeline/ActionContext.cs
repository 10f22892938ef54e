using VagrantNet.Sdk.Machines;

namespace VagrantNet.Sdk.Pipeline;

/// <summary>What one run of a pipeline carries from step to step: the machine, the UI, typed values and the tokens.</summary>
public sealed class ActionContext
{
    private readonly Dictionary<object, object?> _values = [];
    private readonly List<IAction> _entered = [];

    public ActionContext(IMachine machine, CancellationToken cancellation, CancellationToken recoveryToken = default)
    {
        Machine = machine;
        Cancellation = cancellation;
        RecoveryToken = recoveryToken;
    }

    public IMachine Machine { get; }

    public IMachineUi Ui => Machine.Ui;

    /// <summary>Cancelled by the first Ctrl+C; checked between steps.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Cancelled only by a second Ctrl+C: recovery runs on it.</summary>
    public CancellationToken RecoveryToken { get; }

    /// <summary>Steps entered so far, oldest first.</summary>
    public IReadOnlyList<IAction> Entered => _entered;

    public T Get<T>(ActionKey<T> key) =>
        _values.TryGetValue(key, out var value) ? (T)value! : throw new KeyNotFoundException($"pipeline value '{key.Name}' was not set by an earlier step");

    public T? GetOrDefault<T>(ActionKey<T> key, T? fallback = default) =>
        _values.TryGetValue(key, out var value) ? (T?)value : fallback;

    public bool TryGet<T>(ActionKey<T> key, out T value)
    {
        if (_values.TryGetValue(key, out var raw))
        {
            value = (T)raw!;
            return true;
        }

        value = default!;
        return false;
    }

    public bool Has<T>(ActionKey<T> key) => _values.ContainsKey(key);

    public void Set<T>(ActionKey<T> key, T value) => _values[key] = value;

    public void Remove<T>(ActionKey<T> key) => _values.Remove(key);

    internal void MarkEntered(IAction action) => _entered.Add(action);
}
