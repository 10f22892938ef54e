using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>The KVM probe against a fake QEMU: the argv it boots with and how each answer reads. Booting a real QEMU belongs to the acceptance tier.</summary>
[TestFixture]
public class KvmProbeTests
{
    private string _root = null!;
    private FakeVnetHost _host = null!;
    private string _kvm = null!;
    private string _qemu = null!;

    [SetUp]
    public void Host()
    {
        _root = Directory.CreateTempSubdirectory("vnet-kvm-probe-").FullName;
        _host = new FakeVnetHost(Path.Combine(_root, "home"));
        _kvm = Path.Combine(_root, "kvm");
        _qemu = Path.Combine(_root, KvmProbe.Qemu);
        File.WriteAllText(_kvm, string.Empty);
        File.WriteAllText(_qemu, string.Empty);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Probe_BootsTheTestSectorUnderKvm_AndAPromptOkMeansUsable()
    {
        // Given
        byte[]? image = null;
        var qemu = Qemu((request, _) =>
        {
            image = File.ReadAllBytes(request.Arguments[^1].Split(',')[0]["file=".Length..]);
            return Task.FromResult(new ProcessResult(3, "OK", string.Empty));
        });

        // When
        var verdict = Probe().WhyNotUsable();

        // Then
        Assert.That(verdict, Is.Null);
        var request = qemu.Requests.Single();
        Assert.That(request.Program, Is.EqualTo(_qemu));
        Assert.That(request.Arguments.Take(4), Is.EqualTo(new[] { "-accel", "kvm", "-cpu", "host" }));
        Assert.That(string.Join(' ', request.Arguments), Does.Contain("-device isa-debug-exit,iobase=0xf4,iosize=0x04 -debugcon stdio"));
        Assert.That(request.Arguments[^1], Does.EndWith(",format=raw,if=floppy"));
        Assert.That(image, Has.Length.EqualTo(512));
        Assert.That(image![510..], Is.EqualTo(new byte[] { 0x55, 0xAA }));
    }

    [Test]
    public void AFailingGuest_IsAVerdict_WithQemusFirstErrorLine()
    {
        // Given
        Qemu((_, _) => Task.FromResult(new ProcessResult(1, string.Empty, "qemu: could not access KVM kernel module\nmore")));

        // When
        var verdict = Probe().WhyNotUsable();

        // Then
        Assert.That(verdict, Is.EqualTo("a test guest under KVM failed (exit 1): qemu: could not access KVM kernel module"));
    }

    [Test]
    public void AGuestThatDoesNotFinishInTime_MeansKvmCannotRunGuests()
    {
        // Given: QEMU hangs until the probe gives up on it
        Qemu(async (_, cancellation) =>
        {
            await Task.Delay(Timeout.Infinite, cancellation);
            return new ProcessResult(0, string.Empty, string.Empty);
        });

        // When
        var verdict = Probe(TimeSpan.FromMilliseconds(50)).WhyNotUsable();

        // Then
        Assert.That(verdict, Does.Contain("did not finish a trivial boot"));
    }

    [Test]
    public void Verdict_IsCached_UntilQemuChanges()
    {
        // Given
        var qemu = Qemu((_, _) => Task.FromResult(new ProcessResult(1, string.Empty, "broken")));
        var first = Probe().WhyNotUsable();

        // When
        var cached = Probe().WhyNotUsable();
        var runsWhileCached = qemu.Requests.Count;
        File.SetLastWriteTimeUtc(_qemu, File.GetLastWriteTimeUtc(_qemu).AddMinutes(1));
        Probe().WhyNotUsable();

        // Then
        Assert.That(cached, Is.EqualTo(first));
        Assert.That(runsWhileCached, Is.EqualTo(1));
        Assert.That(qemu.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void WithoutTheKvmDeviceOrQemu_TheProbeAnswersWithoutRunningAnything()
    {
        // Given
        var qemu = Qemu((_, _) => throw new AssertionException("QEMU ran"));

        // When
        var noDevice = new KvmProbe(_host, kvmDevice: Path.Combine(_root, "missing")).WhyNotUsable();
        qemu.Programs.Clear();
        var noQemu = Probe().WhyNotUsable();

        // Then
        Assert.That(noDevice, Does.Contain("does not exist"));
        Assert.That(noQemu, Is.EqualTo($"{KvmProbe.Qemu} was not found to test KVM with"));
        Assert.That(qemu.Requests, Is.Empty);
    }

    private KvmProbe Probe(TimeSpan? timeout = null) => new(_host, timeout, _kvm);

    private FakeProcessRunner Qemu(Func<ProcessRequest, CancellationToken, Task<ProcessResult>> answer)
    {
        var runner = new FakeProcessRunner(answer);
        runner.Programs[KvmProbe.Qemu] = _qemu;
        _host.Processes = runner;
        return runner;
    }
}
