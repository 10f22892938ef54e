using System.Text;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class InterruptTests : AcceptanceTest
{
    [Test]
    public void FirstUpInterruptedAfterTheDomainIsDefined_LeavesNothingBehind()
    {
        var project = NewProject("intr", OneMachine);
        using var up = Vnet.Start(project.Directory, "up");
        var output = new StringBuilder();
        var defined = new ManualResetEventSlim();
        up.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Starting domain", StringComparison.Ordinal) == true)
            {
                defined.Set();
            }
        };
        up.BeginOutputReadLine();
        var stderr = up.StandardError.ReadToEndAsync();

        Assert.That(defined.Wait(TimeSpan.FromMinutes(5)), Is.True, $"up never reached the domain start:{Environment.NewLine}{output}");
        Vnet.Interrupt(up);
        Assert.That(up.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "vnet did not stop after Ctrl+C");

        Assert.That(up.ExitCode, Is.Not.Zero);
        Assert.That(stderr.Result, Does.Contain("Interrupt"));
        Assert.That(Libvirt.Domains().Where(d => d.StartsWith(project.Name, StringComparison.Ordinal)), Is.Empty);
        Assert.That(Vnet.Run(project.Directory, "status").Ok().Stdout, Does.Contain("not created"));
    }
}
