using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// The fault suite on a real guest: a command killed (SIGKILL to its process group) or interrupted (SIGINT, Ctrl+C) when
/// one of its output lines appears, then the same command again, which must complete, then <c>destroy -f</c>, which must
/// leave libvirt and <c>.vnet</c> exactly as before the first <c>up</c>. Cases are grouped so that boots are shared: the
/// kills before the guest boots are followed by a cheap <c>destroy</c>; the chain of killed <c>up</c>s ends in one that
/// finishes; the other commands are faulted on the machine that chain made.
/// </summary>
[TestFixture]
[NonParallelizable]
public class FaultTests : AcceptanceTest
{
    private const string Machine = """
        Vagrant.Configure(config =>
        {
            config.Vm.Box = "vnet/debian12";
            config.Vm.SyncedFolder(".", "/vagrant", type: "rsync");
            config.Vm.Provision.Shell(name: "hello", inline: "echo provisioned >> /var/tmp/provisioned; sleep 3");
        });
        """;

    private const string Undone = "An earlier vnet command stopped before it finished creating or destroying this machine";

    private readonly List<string> _cases = [];

    [Test]
    public void EveryCommandKilledOrInterruptedAtEachStep_IsFinishedByTheNextRun_AndDestroyLeavesNothing()
    {
        var project = NewProject("fault", Machine);
        var dir = project.Directory;
        var before = LibvirtObjects(project);

        // Killed before the guest boots, then destroyed: nothing of it stays.
        foreach (var (marker, signal) in new[]
        {
            ("Creating image", Vnet.SigKill),
            ("Creating network", Vnet.SigKill),
            ("Creating domain", Vnet.SigKill),
            ("Creating network", Vnet.SigInt),
            ("Creating domain", Vnet.SigInt),
            ("Starting domain", Vnet.SigKill),
            ("Starting domain", Vnet.SigInt),
        })
        {
            Vnet.RunAndSignalAt(dir, marker, signal, "up");
            Vnet.Run(dir, "destroy", "-f").Ok();
            AssertAsBefore(project, before, $"up {Name(signal)} at '{marker}', destroy -f");
        }

        // A destroy interrupted while it undoes a killed up is finished by the next destroy.
        Vnet.RunAndSignalAt(dir, "Starting domain", Vnet.SigKill, "up");
        Vnet.RunAndSignalAt(dir, "Removing domain", Vnet.SigInt, "destroy", "-f");
        Vnet.Run(dir, "destroy", "-f").Ok();
        AssertAsBefore(project, before, "up SIGKILL at 'Starting domain', destroy -f SIGINT at 'Removing domain', destroy -f");

        // A chain of killed ups; each next one undoes the last and gets further; the last finishes the machine.
        var chain = new[]
        {
            ("Creating domain", Vnet.SigKill),
            ("Starting domain", Vnet.SigKill),
            ("Waiting for domain to get an IP address", Vnet.SigKill),
            ("Machine booted and ready", Vnet.SigInt),
            ("Rsyncing folder", Vnet.SigKill),
            ("Running provisioner", Vnet.SigKill),
        };
        int? previous = null;
        foreach (var (marker, signal) in chain)
        {
            var run = Vnet.RunAndSignalAt(dir, marker, signal, "up");
            if (previous == Vnet.SigKill)
            {
                Assert.That(run.Output, Does.Contain(Undone), "the up after a killed one undoes it first");
            }

            previous = signal;
            _cases.Add($"up {Name(signal)} at '{marker}', up again");
        }

        var finished = Vnet.Run(dir, "up").Ok();
        Assert.That(finished.Output, Does.Contain(Undone), "the last kill was undone");
        AssertFinished(dir);

        // The other commands, each faulted on the running machine and then run again.
        Vnet.RunAndSignalAt(dir, "Running provisioner", Vnet.SigKill, "provision");
        Vnet.Run(dir, "provision").Ok();
        Assert.That(Guest(dir, "wc -l < /var/tmp/provisioned"), Is.EqualTo("2"), "provision again runs it once more");
        _cases.Add("provision SIGKILL at 'Running provisioner', provision again");

        Vnet.RunAndSignalAt(dir, "Running provisioner", Vnet.SigInt, "provision");
        Vnet.Run(dir, "provision").Ok();
        _cases.Add("provision SIGINT at 'Running provisioner', provision again");

        Vnet.Run(dir, "snapshot", "save", "s1").Ok();
        foreach (var signal in new[] { Vnet.SigKill, Vnet.SigInt })
        {
            Vnet.RunAndSignalAt(dir, "Restoring the snapshot", signal, "snapshot", "restore", "s1");
            Vnet.Run(dir, "snapshot", "restore", "s1").Ok();
            Assert.That(Guest(dir, "echo ok"), Is.EqualTo("ok"));
            _cases.Add($"snapshot restore {Name(signal)} at 'Restoring the snapshot', restore again");
        }

        Vnet.Run(dir, "snapshot", "delete", "s1").Ok();

        foreach (var signal in new[] { Vnet.SigKill, Vnet.SigInt })
        {
            Vnet.RunAndSignalAt(dir, "Waiting for domain to get an IP address", signal, "reload");
            Vnet.Run(dir, "reload").Ok();
            Assert.That(Guest(dir, "echo ok"), Is.EqualTo("ok"));
            _cases.Add($"reload {Name(signal)} at 'Waiting for domain to get an IP address', reload again");
        }

        foreach (var signal in new[] { Vnet.SigInt, Vnet.SigKill })
        {
            Vnet.RunAndSignalAt(dir, "Attempting graceful shutdown", signal, "halt");
            Vnet.Run(dir, "halt").Ok();
            Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("shutoff"));
            _cases.Add($"halt {Name(signal)} at 'Attempting graceful shutdown', halt again");

            Vnet.RunAndSignalAt(dir, "Starting domain", signal, "up");
            Vnet.Run(dir, "up").Ok();
            Assert.That(Guest(dir, "echo ok"), Is.EqualTo("ok"));
            _cases.Add($"up of a halted machine {Name(signal)} at 'Starting domain', up again");
        }

        Vnet.RunAndSignalAt(dir, "Removing domain", Vnet.SigKill, "destroy", "-f");
        Vnet.Run(dir, "destroy", "-f").Ok();
        AssertAsBefore(project, before, "destroy SIGKILL at 'Removing domain', destroy -f again");

        TestContext.Progress.WriteLine($"fault cases clean: {_cases.Count}/{_cases.Count}");
        foreach (var line in _cases)
        {
            TestContext.Progress.WriteLine("  " + line);
        }
    }

    private static string Name(int signal) => signal == Vnet.SigKill ? "SIGKILL" : "SIGINT";

    private void AssertFinished(string dir)
    {
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running"));
        Assert.That(Guest(dir, "cat /var/tmp/provisioned"), Is.EqualTo("provisioned"), "provisioned exactly once, on a fresh guest");
        Assert.That(Guest(dir, "test -f /vagrant/Vagrantfile.csx && echo synced"), Is.EqualTo("synced"));
    }

    private void AssertAsBefore(Project project, IReadOnlyList<string> before, string what)
    {
        Assert.That(LibvirtObjects(project), Is.EquivalentTo(before), $"libvirt after: {what}");
        var state = Path.Combine(project.Directory, ".vnet", "machines", "default");
        Assert.That(Directory.Exists(state) ? Directory.GetFiles(state, "*", SearchOption.AllDirectories) : [], Is.Empty, $".vnet after: {what}");
        _cases.Add(what);
    }

    /// <summary>The domains, volumes and networks a test could leave (the shared box image excepted: destroy keeps it).</summary>
    private static IReadOnlyList<string> LibvirtObjects(Project project) =>
        [.. Libvirt.Domains().Select(d => "domain " + d),
            .. Libvirt.Volumes().Where(v => !v.Contains("_vagrant_box_image_", StringComparison.Ordinal)).Select(v => "volume " + v),
            .. Libvirt.Networks().Select(n => "network " + n)];
}
