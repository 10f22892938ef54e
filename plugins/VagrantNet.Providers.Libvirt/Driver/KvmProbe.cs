using System.Text.Json;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>
/// Finds out whether KVM can really run a guest here. libvirt advertises <c>kvm</c> whenever /dev/kvm exists,
/// but under some nested hypervisors a guest under KVM aborts or crawls. The probe boots a 512-byte boot
/// sector under KVM that writes "OK" to QEMU's debug port and exits through isa-debug-exit; under TCG it takes
/// milliseconds, so anything but a prompt "OK" means KVM is not usable. The verdict is cached per kernel and QEMU.
/// </summary>
public sealed class KvmProbe(IVnetHost host, TimeSpan? timeout = null, string kvmDevice = KvmProbe.KvmDevice)
{
    public const string KvmDevice = "/dev/kvm";
    public const string Qemu = "qemu-system-x86_64";

    private static readonly byte[] BootSector = MakeBootSector();

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(4);

    private string CacheFile => Path.Combine(host.Home, "cache", "kvm-probe.json");

    /// <summary>Null when KVM works, else why not.</summary>
    /// <remarks>Synchronous because the driver choice asks lazily from a synchronous rule; it runs once per kernel and QEMU.</remarks>
    public string? WhyNotUsable()
    {
        if (!File.Exists(kvmDevice))
        {
            return $"{kvmDevice} does not exist (no hardware virtualization, or the kvm module is not loaded)";
        }

        var qemu = host.Processes.Find(Qemu);
        if (qemu is null)
        {
            return $"{Qemu} was not found to test KVM with";
        }

        var key = CacheKey(qemu);
        if (ReadCache(key) is { } cached)
        {
            return cached.Length == 0 ? null : cached;
        }

        var verdict = RunAsync(qemu).GetAwaiter().GetResult();
        WriteCache(key, verdict ?? string.Empty);
        return verdict;
    }

    /// <summary>The cache entry's key: the kernel and the QEMU binary's time stamp, so an upgrade of either probes again.</summary>
    private static string CacheKey(string qemu) => $"{Environment.OSVersion.VersionString}|{File.GetLastWriteTimeUtc(qemu):O}";

    /// <summary>QEMU's arguments to boot <paramref name="image"/> under KVM with the debug console on stdout.</summary>
    private static IReadOnlyList<string> Arguments(string image) =>
    [
        "-accel", "kvm", "-cpu", "host", "-machine", "pc", "-m", "16", "-nodefaults", "-display", "none", "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-debugcon", "stdio",
        "-drive", $"file={image},format=raw,if=floppy",
    ];

    private async Task<string?> RunAsync(string qemu)
    {
        var image = Path.Combine(Path.GetTempPath(), $"vnet-kvm-probe-{Environment.ProcessId}.img");
        await File.WriteAllBytesAsync(image, BootSector).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(_timeout);
            ProcessResult result;
            try
            {
                result = await host.Processes.RunAsync(new ProcessRequest(qemu, Arguments(image)), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return $"a test guest under KVM did not finish a trivial boot within {_timeout.TotalSeconds:0} s (it takes milliseconds under TCG); this host's KVM cannot run guests (nested virtualization?)";
            }

            // isa-debug-exit turns the value 1 into exit code 3.
            if (result.ExitCode == 3 && result.Stdout.Contains("OK", StringComparison.Ordinal))
            {
                return null;
            }

            var error = result.Stderr.Trim();
            return $"a test guest under KVM failed (exit {result.ExitCode}){(error.Length > 0 ? ": " + error.Split('\n')[0] : string.Empty)}";
        }
        finally
        {
            File.Delete(image);
        }
    }

    private string? ReadCache(string key)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(CacheFile));
            return entry is not null && entry.GetValueOrDefault("key") == key ? entry.GetValueOrDefault("verdict") : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteCache(string key, string verdict)
    {
        try
        {
            host.WriteFileAtomically(CacheFile, JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = key, ["verdict"] = verdict }));
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
