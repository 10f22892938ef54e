using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>A guest whose kernel panics while it boots is seen at once, not after vm.boot_timeout, and booted again when asked.</summary>
[Category("LibvirtTestDriver")]
public class BootPanicTests : TestDriverSteps
{
    private const string PanicLine = "Kernel panic - not syncing: IO-APIC + timer doesn't work!  Boot with apic=debug and send a report.";

    private string _console = null!;

    [SetUp]
    public void WriteConsoleLog()
    {
        _console = Path.Combine(Path.GetTempPath(), $"vnet-console-{Guid.NewGuid():N}.log");
        File.WriteAllText(_console, $"[    0.000000] Linux version 6.1.0-28-cloud-amd64\r\n[    0.031000] ..MP-BIOS bug: 8254 timer not connected to IO-APIC\r\n[    0.032000] {PanicLine}\r\n[    0.033000] ---[ end Kernel panic - not syncing: IO-APIC + timer doesn't work! ]---\r\n");
    }

    [TearDown]
    public void DeleteConsoleLog() => File.Delete(_console);

    [Test]
    public async Task WaitForLease_KernelPanicOnTheConsole_FailsAtOnceNamingThePanic_NotAfterBootTimeout()
    {
        // Given: a running guest (the test driver gives no lease) whose console shows a panic; boot_timeout 300 s
        var machine = await StartedMachineAsync(p => p.SerialConsoleLog = _console);
        var started = DateTime.UtcNow;

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<WaitForLease>()));

        // Then: within the first poll, with the kernel's words and the console tail
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(30)), "not waited out");
        Assert.That(error!.Message, Does.StartWith($"Machine 'default' panicked while it booted: {PanicLine}"));
        Assert.That(error.Message, Does.Contain("Last lines of the serial console:").And.Contains("8254 timer not connected"));
        Assert.That(machine.RecordingUi.Lines, Has.None.Contains("booting it again"), "no retry unless asked");
    }

    [Test]
    public async Task WaitForLease_BootRetries_BootsThePanickedGuestAgain_ThatManyTimes_ThenFails()
    {
        // Given: the console keeps showing a panic (the test driver writes no console of its own)
        var machine = await StartedMachineAsync(p =>
        {
            p.SerialConsoleLog = _console;
            p.BootRetries = 2;
        });

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<WaitForLease>()));

        // Then: two more boots, each announced, and the error counts them
        Assert.That(machine.RecordingUi.Lines.Where(l => l.Contains("booting it again")), Is.EqualTo(new[]
        {
            $"warn: Machine 'default' panicked while it booted ({PanicLine}); booting it again (retry 1 of 2).",
            $"warn: Machine 'default' panicked while it booted ({PanicLine}); booting it again (retry 2 of 2).",
        }));
        Assert.That(error!.Message, Does.StartWith($"Machine 'default' panicked while it booted (booted 3 times: libvirt.boot_retries = 2): {PanicLine}"));
        Assert.That(machine.LibvirtProvider.Driver.CurrentState(), Is.EqualTo(DomainState.Running), "the last boot was started again");
    }

    [Test]
    public async Task DirectKernelBootSettings_AndThePanicDevice_ReachTheDomainLibvirtDefines()
    {
        // When: created from the settings (libvirt's test driver parses and keeps the XML)
        var machine = await CreatedMachineAsync(p =>
        {
            p.Kernel = "/srv/boot/vmlinuz";
            p.Initrd = "/srv/boot/initrd.img";
            p.CmdLine = "console=ttyS0 init=/bin/sh";
            p.Dtb = "/srv/boot/board.dtb";
        });

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        var xml = System.Xml.Linq.XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive));
        var os = xml.Element("os")!;
        Assert.That(new[] { "kernel", "initrd", "cmdline", "dtb" }.Select(e => os.Element(e)?.Value), Is.EqualTo(new[] { "/srv/boot/vmlinuz", "/srv/boot/initrd.img", "console=ttyS0 init=/bin/sh", "/srv/boot/board.dtb" }));
        Assert.That(xml.Element("devices")!.Elements("panic").Select(e => e.Attribute("model")?.Value), Is.EqualTo(new[] { "isa" }));
    }

    [Test]
    public async Task WaitForLease_ConsolePastTheTimerCheck_WaitsForTheLeaseAsBefore()
    {
        // Given: a console that booted past the timer check (the test driver answers with an address)
        File.WriteAllText(_console, "[    0.5] Run /init as init process\n");
        var machine = await StartedMachineAsync(p => p.SerialConsoleLog = _console);

        // When
        await RunAsync(machine, new ActionBuilder().Use<WaitForLease>());

        // Then
        Assert.That(machine.RecordingUi.Lines, Has.Some.StartsWith("detail: IP address: "));
        Assert.That(machine.RecordingUi.Lines, Has.None.Contains("panicked"));
    }
}
