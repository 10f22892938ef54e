using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace VagrantNet.Cli.Ui;

/// <summary>
/// The Spectre progress display on a terminal, one bar per transfer, shared by the transfers that run at once
/// (machines brought up in parallel): Spectre allows one live display at a time. It starts with the first
/// transfer and ends when all have finished, or when the command ends.
/// </summary>
internal sealed class LiveTransfers(IAnsiConsole console) : IDisposable
{
    private readonly object _gate = new();
    // Read by Spectre's refresh thread without the lock: Stop holds the lock while it waits for the last refresh.
    private readonly ConcurrentDictionary<ProgressTask, TransferMeter> _meters = new();
    private ProgressContext? _context;
    private TaskCompletionSource? _end;
    private Task? _display;

    /// <summary>Whether the display is on screen: lines printed meanwhile must go through it, above the bars.</summary>
    public bool Active
    {
        get
        {
            lock (_gate)
            {
                return _context is not null;
            }
        }
    }

    public IProgress<long> Add(string description, TransferMeter meter)
    {
        lock (_gate)
        {
            _context ??= Start();
            var task = _context.AddTask(Markup.Escape(description), maxValue: meter.Total is > 0 ? meter.Total.Value : 1);
            task.IsIndeterminate = meter.Total is not > 0;
            _meters[task] = meter;
            return new Bar(this, task, meter);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Stop();
        }
    }

    private ProgressContext Start()
    {
        var started = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        _end = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var end = _end.Task;
        _display = console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new MeterColumn(Describe))
            .StartAsync(async context =>
            {
                started.SetResult(context);
                await end.ConfigureAwait(false);
            });

        // Spectre refuses a second live display: that error is the display's, and must not leave Start waiting.
        Task.WhenAny(started.Task, _display).GetAwaiter().GetResult();
        if (!started.Task.IsCompleted)
        {
            _display.GetAwaiter().GetResult();
        }

        return started.Task.Result;
    }

    private void Stop()
    {
        if (_context is null)
        {
            return;
        }

        _end!.TrySetResult();
        _display!.GetAwaiter().GetResult();
        _context = null;
        _meters.Clear();
    }

    private void Report(ProgressTask task, TransferMeter meter, long done)
    {
        lock (_gate)
        {
            meter.Update(done);
            if (!_meters.ContainsKey(task))
            {
                // The display ended (the command is finishing): a late report has nowhere to go.
                return;
            }

            task.Value = Math.Min(done, task.MaxValue);
            if (meter.Finished)
            {
                task.StopTask();
            }

            if (_context!.IsFinished)
            {
                Stop();
            }
        }
    }

    private string Describe(ProgressTask task) => _meters.TryGetValue(task, out var meter) ? meter.Describe() : string.Empty;

    private sealed class Bar(LiveTransfers display, ProgressTask task, TransferMeter meter) : IProgress<long>
    {
        public void Report(long done) => display.Report(task, meter, done);
    }

    /// <summary>The meter's words (bytes, rate, time left) beside the bar, the same words the plain lines print.</summary>
    private sealed class MeterColumn(Func<ProgressTask, string> describe) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Text(describe(task));
    }
}
