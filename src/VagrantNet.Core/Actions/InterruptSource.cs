namespace VagrantNet.Core.Actions;

/// <summary>
/// Ctrl+C as Vagrant treats it: the first press cancels <see cref="Cancellation"/> so the running step can stop
/// and recovery can clean up; a second press cancels <see cref="Abort"/> as well, and recovery stops too.
/// </summary>
public sealed class InterruptSource : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _abort = new();
    private int _presses;

    public CancellationToken Cancellation => _cancel.Token;

    public CancellationToken Abort => _abort.Token;

    public event Action<int>? Interrupted;

    /// <summary>Records one interrupt; returns how many there have been.</summary>
    public int Interrupt()
    {
        var presses = Interlocked.Increment(ref _presses);
        if (presses == 1)
        {
            _cancel.Cancel();
        }
        else
        {
            _abort.Cancel();
        }

        Interrupted?.Invoke(presses);
        return presses;
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _abort.Dispose();
    }
}
