using System.Globalization;

namespace VagrantNet.Cli.Ui;

/// <summary>One transfer's bytes, rate and time left, and the words the progress display prints for them.</summary>
internal sealed class TransferMeter(long? total, TimeProvider time)
{
    /// <summary>Past this the estimate says nothing useful (and a TimeSpan of it could overflow).</summary>
    private static readonly TimeSpan LongestEstimate = TimeSpan.FromDays(99);

    private readonly object _gate = new();
    private long? _startBytes;
    private long _startTimestamp;
    private long _done;

    public long? Total => total;

    public bool Finished
    {
        get
        {
            lock (_gate)
            {
                return total is { } whole && _done >= whole;
            }
        }
    }

    public void Update(long done)
    {
        lock (_gate)
        {
            // The first report is where this transfer starts: a resumed download first reports the bytes it already
            // had, and those are no part of its rate.
            if (_startBytes is null)
            {
                _startBytes = done;
                _startTimestamp = time.GetTimestamp();
            }

            _done = done;
        }
    }

    /// <summary>Bytes a second since the first report; null until some have moved.</summary>
    public double? Rate
    {
        get
        {
            lock (_gate)
            {
                var seconds = time.GetElapsedTime(_startTimestamp).TotalSeconds;
                return _startBytes is { } start && _done > start && seconds > 0 ? (_done - start) / seconds : null;
            }
        }
    }

    /// <summary>As <c>10% (10.0 MiB of 92.3 MiB, 110.1 MiB/s, 0:01 left)</c>, or <c>10.0 MiB (110.1 MiB/s)</c> without a total.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var rate = Rate;
            var speed = rate is { } perSecond ? $"{ByteSize.Format((long)perSecond)}/s" : null;
            if (total is { } whole && whole > 0)
            {
                var done = $"{_done * 100 / whole}% ({ByteSize.Format(_done)} of {ByteSize.Format(whole)}";
                return rate is { } r ? $"{done}, {speed}, {Left(TimeSpan.FromSeconds(Math.Min(Math.Ceiling((whole - _done) / r), LongestEstimate.TotalSeconds)))} left)" : done + ")";
            }

            return speed is null ? ByteSize.Format(_done) : $"{ByteSize.Format(_done)} ({speed})";
        }
    }

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    public static string Left(TimeSpan span) => span >= LongestEstimate
        ? "?"
        : span.TotalHours >= 1
            ? ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + span.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
