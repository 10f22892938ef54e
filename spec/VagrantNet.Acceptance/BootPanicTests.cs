using System.Diagnostics;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>A guest whose kernel panics while it boots fails its <c>up</c> within seconds, after the boots asked for.</summary>
[TestFixture]
[NonParallelizable]
public class BootPanicTests : AcceptanceTest
{
    [Test]
    public void AGuestThatPanicsWhileBooting_IsReportedWithinSeconds_AfterAsManyBootsAsAsked()
    {
        // Given: the box's own kernel booted directly with no root file system, which panics a few seconds into
        // every boot ("VFS: Unable to mount root fs"); one retry; a boot_timeout far beyond what the test waits
        var box = Environment.GetEnvironmentVariable("VNET_TEST_BOX")!;
        var kernel = Path.Combine(Path.GetDirectoryName(box)!, "vmlinuz");
        Assert.That(File.Exists(kernel), Is.True, $"boxes/debian12/build.sh keeps the kernel beside the box: {kernel}");
        const int bootTimeout = 1800;
        var project = NewProject("panic", $$"""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.BootTimeout = {{bootTimeout}};
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                config.Vm.Provider("libvirt", p =>
                {
                    p["kernel"] = "{{kernel}}";
                    p["cmd_line"] = "console=ttyS0,115200 root=/dev/nonexistent";
                    p["boot_retries"] = 1;
                });
            });
            """);
        var watch = Stopwatch.StartNew();

        // When
        var up = Vnet.Run(project.Directory, "up");

        // Then: both boots seen to panic, long before boot_timeout, and the failed up undid itself
        watch.Stop();
        Assert.That(up.ExitCode, Is.EqualTo(1), up.Output);
        Assert.That(up.Output, Does.Contain("panicked while it booted (Kernel panic - not syncing").And.Contains("booting it again (retry 1 of 1)"));
        Assert.That(up.Output, Does.Contain("Machine 'default' panicked while it booted (booted 2 times: libvirt.boot_retries = 1): Kernel panic - not syncing"));
        Assert.That(up.Output, Does.Contain("Last lines of the serial console:"));
        Assert.That(watch.Elapsed.TotalSeconds, Is.LessThan(bootTimeout / 2), "the panic is seen, not waited out");
        TestContext.Out.WriteLine($"two panicked boots reported after {watch.Elapsed.TotalSeconds:0} s (boot_timeout {bootTimeout} s)");
        Assert.That(Libvirt.Domains(), Has.None.StartsWith(project.Name + "_"), "the failed up destroyed its domain");
    }
}
