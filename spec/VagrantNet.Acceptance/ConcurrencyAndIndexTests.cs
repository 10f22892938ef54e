using System.Text;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class ConcurrencyAndIndexTests : AcceptanceTest
{
    [Test]
    public void SecondUpOfTheSameMachine_WaitsForTheFirst_AndNeverCreatesASecondDomain()
    {
        // Given: a project whose folder is synced with rsync, as Vagrant does by default
        var project = NewProject("lock", """
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", exclude: ["skip.txt"]);
            });
            """);
        File.WriteAllText(Path.Combine(project.Directory, "hello.txt"), "hello from the host");
        File.WriteAllText(Path.Combine(project.Directory, "skip.txt"), "excluded");
        using var first = Vnet.Start(project.Directory, "up");
        var started = new ManualResetEventSlim();
        var firstOutput = new StringBuilder();
        first.OutputDataReceived += (_, e) =>
        {
            lock (firstOutput)
            {
                firstOutput.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Creating domain", StringComparison.Ordinal) == true)
            {
                started.Set();
            }
        };
        first.BeginOutputReadLine();
        _ = first.StandardError.ReadToEndAsync();
        Assert.That(started.Wait(TimeSpan.FromMinutes(5)), Is.True, $"the first up never started creating:{Environment.NewLine}{firstOutput}");

        // When: a second up of the same machine starts while the first holds it
        var second = Vnet.Run(project.Directory, "up");
        Assert.That(first.WaitForExit(TimeSpan.FromMinutes(10)), Is.True);

        // Then: both succeed, the second found the machine already up, and there is one domain
        Assert.That(first.ExitCode, Is.Zero, firstOutput.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.Output);
        Assert.That(second.Stdout, Does.Contain("already running"));
        Assert.That(Libvirt.Domains().Count(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal)), Is.EqualTo(1));

        // And the rsync synced folder carried the project into the guest, without the excluded file
        var files = Vnet.Run(project.Directory, "ssh", "-c", "cat /vagrant/hello.txt; ls /vagrant").Ok();
        Assert.That(files.Stdout, Does.Contain("hello from the host").And.Not.Contain("skip.txt"));

        // And global-status lists the machine with its live state, until it is destroyed and pruned
        Assert.That(Vnet.Run(project.Directory, "global-status").Ok().Stdout, Does.Contain(project.Directory).And.Contain("running"));
        Vnet.Run(project.Directory, "destroy", "-f").Ok();
        Assert.That(Vnet.Run(project.Directory, "global-status", "--prune").Ok().Stdout, Does.Not.Contain(project.Directory));
    }
}
