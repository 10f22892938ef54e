using System.Diagnostics;
using System.Globalization;

namespace VagrantNet.Cli.Ui;

/// <summary>
/// Progress of a transfer: bytes, rate and time left. On a terminal one line redraws in place;
/// otherwise a plain line every 10%, so logs stay readable.
/// </summary>
internal sealed class ProgressReporter(MachineUi ui, string title, long? total, bool interactive) : IProgress<long>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private int _lastDecile = -1;
    private long _lastDraw;

    public void Report(long done)
    {
        lock (_gate)
        {
            var finished = total is { } t && done >= t;
            var rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var text = total is { } whole && whole > 0
                ? $"{title}: {done * 100 / whole}% ({Size(done)} of {Size(whole)}, {Size((long)rate)}/s, {Left(whole - done, rate)} left)"
                : $"{title}: {Size(done)} ({Size((long)rate)}/s)";
            if (interactive)
            {
                if (finished || _clock.ElapsedMilliseconds - _lastDraw >= 100)
                {
                    _lastDraw = _clock.ElapsedMilliseconds;
                    Console.Out.Write("\r\u001b[2K    " + text + (finished ? Environment.NewLine : string.Empty));
                }

                return;
            }

            var decile = total is { } all && all > 0 ? (int)(done * 10 / all) : -1;
            if (decile != _lastDecile && decile >= 0)
            {
                _lastDecile = decile;
                ui.Detail(text);
            }
        }
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Left(long remaining, double rate) =>
        rate <= 0 ? "?" : TimeSpan.FromSeconds(Math.Ceiling(remaining / rate)).ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
