namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class MultiMachineTests : AcceptanceTest
{
    [Test]
    public void TwoMachinesOnAPrivateNetwork_ReachEachOtherAtTheirStaticAddresses()
    {
        var project = NewProject("pair", """
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "vnet/debian12";
                config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                foreach (var (name, ip) in new[] { ("web", "10.20.30.10"), ("db", "10.20.30.11") })
                {
                    config.Vm.Define(name, m =>
                    {
                        m.Vm.Hostname = name;
                        m.Vm.Network.PrivateNetwork(ip: ip);
                    });
                }
            });
            """);
        var dir = project.Directory;

        var up = Vnet.Run(dir, "up").Ok();
        Assert.That(up.Stdout, Does.Contain("==> web:").And.Contain("==> db:"));

        var ping = Vnet.Run(dir, "ssh", "web", "-c", "ping -c 2 -W 5 10.20.30.11 && hostname");
        Assert.That(ping.ExitCode, Is.Zero, ping.Output);
        Assert.That(ping.Stdout, Does.Contain("web"));

        Vnet.Run(dir, "destroy", "-f").Ok();
    }
}
