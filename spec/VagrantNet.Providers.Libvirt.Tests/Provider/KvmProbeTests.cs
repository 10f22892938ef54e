using VagrantNet.Providers.Libvirt.Driver;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class KvmProbeTests
{
    [Test]
    public void Verdict_IsCachedPerHost_SoTheProbeRunsOnce()
    {
        // Given
        var cache = Path.Combine(Path.GetTempPath(), "vnet-kvm-probe-" + Guid.NewGuid().ToString("N"));
        var probe = new KvmProbe(cache, TimeSpan.FromSeconds(3));

        try
        {
            // When
            var first = probe.WhyNotUsable();
            var second = probe.WhyNotUsable();

            // Then: whatever this host's answer, it is stable and recorded (or there is nothing to probe)
            Assert.That(second, Is.EqualTo(first));
            if (File.Exists("/dev/kvm") && File.Exists("/usr/bin/qemu-system-x86_64"))
            {
                Assert.That(File.ReadAllText(Path.Combine(cache, "kvm-probe.json")), Does.Contain("verdict"));
            }
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    [Test]
    public void CachedVerdict_IsUsedWithoutRunningQemu()
    {
        // Given: a cache entry for this very host that says KVM is broken
        if (!File.Exists("/dev/kvm") || !File.Exists("/usr/bin/qemu-system-x86_64"))
        {
            Assert.Ignore("no /dev/kvm or QEMU here: the probe answers without a cache");
        }

        var cache = Path.Combine(Path.GetTempPath(), "vnet-kvm-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cache);
        var key = $"{Environment.OSVersion.VersionString}|{File.GetLastWriteTimeUtc("/usr/bin/qemu-system-x86_64"):O}";
        File.WriteAllText(Path.Combine(cache, "kvm-probe.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = key, ["verdict"] = "cached: broken" }));

        try
        {
            // When
            var verdict = new KvmProbe(cache).WhyNotUsable();

            // Then
            Assert.That(verdict, Is.EqualTo("cached: broken"));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
