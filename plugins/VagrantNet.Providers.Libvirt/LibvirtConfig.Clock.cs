using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// vagrant-libvirt's clock settings, rendered by <see cref="Xml.ClockXml"/>: the first of absolute, adjustment and
/// timezone that is set decides the offset, as in vagrant-libvirt's template; else <see cref="ClockOffset"/>.
/// </summary>
public sealed partial class LibvirtConfig
{
    /// <summary><c>utc</c> (default) or <c>localtime</c>.</summary>
    public string? ClockOffset { get; set; }

    /// <summary>A time zone such as <c>Europe/Paris</c>: the guest's clock starts at that zone's time.</summary>
    public string? ClockTimezone { get; set; }

    /// <summary>With <see cref="ClockAdjustment"/>: <c>utc</c> (default) or <c>localtime</c>, what the adjustment counts from.</summary>
    public string? ClockBasis { get; set; }

    /// <summary>Seconds added to <see cref="ClockBasis"/> (offset <c>variable</c>).</summary>
    public long? ClockAdjustment { get; set; }

    /// <summary>The guest's clock starts at this many seconds since the epoch, whatever the host's (offset <c>absolute</c>).</summary>
    public long? ClockAbsolute { get; set; }

    /// <summary>The guest's timers (<c>&lt;timer&gt;</c>), as vagrant-libvirt's <c>clock_timer</c>.</summary>
    public ClockTimer[]? ClockTimers { get; set; }

    private static readonly string[] TimerNames = ["platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer"];

    private static readonly string[] TimerTracks = ["boot", "guest", "wall", "realtime"];

    private static readonly string[] TimerTickPolicies = ["delay", "catchup", "merge", "discard"];

    private static readonly string[] TimerModes = ["auto", "native", "emulate", "paravirt", "smpsafe"];

    private void ValidateClock(Action<string, string> error)
    {
        if (ClockOffset is not null and not ("utc" or "localtime"))
        {
            error("clock_offset", $"must be \"utc\" or \"localtime\", got {UserText.Quote(ClockOffset)} (clock_timezone, clock_adjustment and clock_absolute set the other offsets)");
        }

        if (ClockBasis is not null and not ("utc" or "localtime"))
        {
            error("clock_basis", $"must be \"utc\" or \"localtime\", got {UserText.Quote(ClockBasis)}");
        }

        if (ClockBasis is not null && ClockAdjustment is null)
        {
            error("clock_basis", "is what clock_adjustment counts from: set clock_adjustment too");
        }

        if (ClockTimezone is not null && !TimeZoneName().IsMatch(ClockTimezone))
        {
            error("clock_timezone", $"{UserText.Quote(ClockTimezone)} is not a time zone name such as Europe/Paris");
        }

        if (ClockAbsolute is < 0)
        {
            error("clock_absolute", $"must be seconds since 1970-01-01 UTC, got {ClockAbsolute}");
        }

        // vagrant-libvirt takes the first of these and drops the rest without a word; vnet says so instead.
        var offsets = new[] { ("clock_absolute", ClockAbsolute is not null), ("clock_adjustment", ClockAdjustment is not null), ("clock_timezone", ClockTimezone is not null) }
            .Where(o => o.Item2).Select(o => o.Item1).ToList();
        if (offsets.Count > 1)
        {
            error(offsets[1], $"each sets the guest clock's offset: give only one of {string.Join(", ", offsets)}");
        }

        foreach (var (timer, index) in (ClockTimers ?? []).Select((t, i) => (t, i + 1)))
        {
            void Error(string message) => error("clock_timers", $"timer {index}{(timer?.Name is { } name ? $" ({name})" : string.Empty)}: {message}");

            if (timer is null || !TimerNames.Contains(timer.Name, StringComparer.Ordinal))
            {
                Error($"name must be one of {string.Join(", ", TimerNames)}");
                continue;
            }

            CheckChoice(Error, "track", timer.Track, TimerTracks);
            CheckChoice(Error, "tickpolicy", timer.TickPolicy, TimerTickPolicies);
            CheckChoice(Error, "mode", timer.Mode, TimerModes);
            CheckChoice(Error, "present", timer.Present, ["yes", "no"]);
            if (timer.Track is not null && timer.Name is not ("platform" or "rtc"))
            {
                Error("track belongs to the rtc and platform timers only");
            }

            if (timer.Frequency is <= 0)
            {
                Error($"frequency must be positive, got {timer.Frequency}");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial System.Text.RegularExpressions.Regex TimeZoneName();
}

/// <summary>A guest timer (<c>&lt;timer name='rtc' tickpolicy='catchup'/&gt;</c>); a null member is left out.</summary>
public sealed record ClockTimer(string Name, string? Track = null, string? TickPolicy = null, long? Frequency = null, string? Mode = null, string? Present = null);
