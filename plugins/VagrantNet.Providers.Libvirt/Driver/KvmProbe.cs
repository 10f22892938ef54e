using System.Diagnostics;
using System.Text.Json;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// Finds out whether KVM can really run a guest here. libvirt advertises <c>kvm</c> whenever /dev/kvm exists,
/// but under some nested hypervisors a guest under KVM aborts or crawls. The probe boots a 512-byte boot
/// sector under KVM that writes "OK" to QEMU's debug port and exits through isa-debug-exit; under TCG it takes
/// milliseconds, so anything but a prompt "OK" means KVM is not usable. The verdict is cached per kernel and QEMU.
/// </summary>
public sealed class KvmProbe(string cacheDirectory, TimeSpan? timeout = null)
{
    private static readonly byte[] BootSector = MakeBootSector();

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(4);

    /// <summary>Null when KVM works, else why not.</summary>
    public string? WhyNotUsable()
    {
        if (!File.Exists("/dev/kvm"))
        {
            return "/dev/kvm does not exist (no hardware virtualization, or the kvm module is not loaded)";
        }

        var qemu = FindQemu();
        if (qemu is null)
        {
            return "qemu-system-x86_64 was not found to test KVM with";
        }

        var key = $"{Environment.OSVersion.VersionString}|{File.GetLastWriteTimeUtc(qemu):O}";
        var cacheFile = Path.Combine(cacheDirectory, "kvm-probe.json");
        if (ReadCache(cacheFile, key) is { } cached)
        {
            return cached.Length == 0 ? null : cached;
        }

        var verdict = Run(qemu);
        WriteCache(cacheFile, key, verdict ?? string.Empty);
        return verdict;
    }

    private string? Run(string qemu)
    {
        var image = Path.Combine(Path.GetTempPath(), $"vnet-kvm-probe-{Environment.ProcessId}.img");
        File.WriteAllBytes(image, BootSector);
        try
        {
            var start = new ProcessStartInfo(qemu)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "-accel", "kvm", "-cpu", "host", "-machine", "pc", "-m", "16", "-nodefaults", "-display", "none", "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-debugcon", "stdio",
                "-drive", $"file={image},format=raw,if=floppy",
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start QEMU");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return $"a test guest under KVM did not finish a trivial boot within {_timeout.TotalSeconds:0} s (it takes milliseconds under TCG); this host's KVM cannot run guests (nested virtualization?)";
            }

            // isa-debug-exit turns the value 1 into exit code 3.
            if (process.ExitCode == 3 && stdout.Result.Contains("OK", StringComparison.Ordinal))
            {
                return null;
            }

            var error = stderr.Result.Trim();
            return $"a test guest under KVM failed (exit {process.ExitCode}){(error.Length > 0 ? ": " + error.Split('\n')[0] : string.Empty)}";
        }
        finally
        {
            File.Delete(image);
        }
    }

    private static string? FindQemu() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(':')
            .Append("/usr/bin")
            .Select(d => Path.Combine(d, "qemu-system-x86_64"))
            .FirstOrDefault(File.Exists);

    private static string? ReadCache(string file, string key)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file));
            return entry is not null && entry.GetValueOrDefault("key") == key ? entry.GetValueOrDefault("verdict") : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteCache(string file, string key, string verdict)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temp = file + ".tmp-" + Environment.ProcessId;
            File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = key, ["verdict"] = verdict }));
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; a probe that cannot be cached runs again next time.
        }
    }

    private static byte[] MakeBootSector()
    {
        // mov al,'O'; out 0xe9,al; mov al,'K'; out 0xe9,al; mov al,1; out 0xf4,al; hlt; jmp $
        byte[] code = [0xB0, 0x4F, 0xE6, 0xE9, 0xB0, 0x4B, 0xE6, 0xE9, 0xB0, 0x01, 0xE6, 0xF4, 0xF4, 0xEB, 0xFE];
        var sector = new byte[512];
        code.CopyTo(sector, 0);
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }
}
