using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>Base of the real-VM tests: a project per test, and proof afterwards that libvirt holds nothing of it.</summary>
public abstract class AcceptanceTest
{
    private readonly List<Project> _projects = [];

    internal static Vnet Vnet => AcceptanceSetup.Vnet;

    /// <summary>Runs <paramref name="command"/> in the project's (primary) machine and returns its trimmed output.</summary>
    internal static string Guest(string dir, string command) => Vnet.Run(dir, "ssh", "-c", command).Ok().Stdout.Trim();

    internal Project NewProject(string name, string vagrantfile)
    {
        var project = new Project(name, vagrantfile);
        _projects.Add(project);
        return project;
    }

    [TearDown]
    public void NothingOfTheTestIsLeftInLibvirt()
    {
        var leftovers = new List<string>();
        foreach (var project in _projects)
        {
            var domains = Libvirt.Domains().Where(d => d.StartsWith(project.Name + "_", StringComparison.Ordinal)).ToList();
            if (domains.Count > 0)
            {
                // Clean up so one failure does not cascade, but still fail this test.
                Vnet.Run(project.Directory, "destroy", "-f");
                leftovers.AddRange(domains.Select(d => "domain " + d));
            }

            leftovers.AddRange(Libvirt.Volumes().Where(v => v.StartsWith(project.Name + "_", StringComparison.Ordinal)).Select(v => "volume " + v));
            project.Dispose();
        }

        leftovers.AddRange(Libvirt.Networks().Where(n => !AcceptanceSetup.NetworksAtStart.Contains(n)).Select(n => "network " + n));
        Assert.That(leftovers, Is.Empty, "libvirt still holds resources of this test");
    }

    internal const string OneMachine = """
        Vagrant.Configure(config =>
        {
            config.Vm.Box = "vnet/debian12";
            config.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            config.Vm.Provision.Shell(name: "hello", inline: "echo provisioned-$(hostname) >> /var/tmp/provisioned");
        });
        """;
}
