using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>The domain's <c>&lt;clock&gt;</c> and its timers.</summary>
internal static class ClockXml
{
    public static XElement Clock(ClockSpec clock) =>
        new("clock", new XAttribute("offset", clock.Offset),
            clock.Timezone is null ? null : new XAttribute("timezone", clock.Timezone),
            clock.Basis is null ? null : new XAttribute("basis", clock.Basis),
            clock.Adjustment is null ? null : new XAttribute("adjustment", clock.Adjustment),
            clock.Start is null ? null : new XAttribute("start", clock.Start),
            clock.Timers.Select(timer => new XElement("timer", new XAttribute("name", timer.Name),
                timer.Track is null ? null : new XAttribute("track", timer.Track),
                timer.TickPolicy is null ? null : new XAttribute("tickpolicy", timer.TickPolicy),
                timer.Frequency is null ? null : new XAttribute("frequency", timer.Frequency),
                timer.Mode is null ? null : new XAttribute("mode", timer.Mode),
                timer.Present is null ? null : new XAttribute("present", timer.Present))));

    /// <summary>vagrant-libvirt's precedence: absolute, then an adjustment, then a time zone, then the plain offset.</summary>
    public static ClockSpec FromConfig(LibvirtConfig config)
    {
        var clock = config.ClockAbsolute is { } start ? new ClockSpec("absolute", Start: start)
            : config.ClockAdjustment is { } adjustment ? new ClockSpec("variable", Basis: config.ClockBasis ?? "utc", Adjustment: adjustment)
            : config.ClockTimezone is { } zone ? new ClockSpec("timezone", Timezone: zone)
            : new ClockSpec(config.ClockOffset ?? "utc");
        return clock with { Timers = config.ClockTimers ?? [] };
    }
}
