namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>Where a domain's serial console is logged, so a failed boot can show its tail.</summary>
public static class SerialLog
{
    public static string? PathFor(LibvirtConfig config, string domain) =>
        config.SerialConsoleLog ?? (Directory.Exists("/var/log/libvirt/qemu") ? $"/var/log/libvirt/qemu/{domain}-serial.log" : null);

    /// <summary>What a Linux kernel prints when it panics: <c>Kernel panic - not syncing: REASON</c>.</summary>
    private const string PanicMarker = "Kernel panic - not syncing";

    /// <summary>How much of the end of the log a panic check reads: a boot's console is far smaller.</summary>
    private const int PanicWindow = 1 << 20;

    /// <summary>The kernel's panic line in the log of the current boot (libvirt truncates the log at each start), or null.</summary>
    public static string? PanicLine(string? path)
    {
        try
        {
            if (path is null || !File.Exists(path))
            {
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - PanicWindow), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                var at = line.IndexOf(PanicMarker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return line[at..].TrimEnd('\r');
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The last lines of the log, or an empty string when it cannot be read.</summary>
    public static string Tail(string? path, int lines = 20)
    {
        try
        {
            if (path is null || !File.Exists(path))
            {
                return string.Empty;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Replace("\r", string.Empty).Split('\n').Where(l => l.Length > 0);
            return string.Join(Environment.NewLine, all.TakeLast(lines));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
