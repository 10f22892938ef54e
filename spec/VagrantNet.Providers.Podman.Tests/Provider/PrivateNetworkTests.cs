using VagrantNet.Providers.Podman.Driver;
using VagrantNet.Providers.Podman.Tests.Support;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Podman.Tests.Provider;

/// <summary>How a container joins the libvirt network of the project's VMs: the lookup by subnet, the veth commands, the refusals.</summary>
public class PrivateNetworkTests
{
    private const string Uri = "qemu:///system";

    private const string DefaultNetwork = """
        <network>
          <name>default</name>
          <bridge name='virbr0' stp='on' delay='0'/>
          <ip address='192.168.122.1' netmask='255.255.255.0'>
            <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
          </ip>
        </network>
        """;

    private const string ProjectNetwork = """
        <network ipv6='yes'>
          <name>vagrant-private-10.20.30</name>
          <uuid>5c1d3c3e-0000-4000-8000-000000000001</uuid>
          <forward mode='none'/>
          <bridge name='virbr7' stp='on' delay='0'/>
          <ip family='ipv6' address='fd00::1' prefix='64'/>
          <ip address='10.20.30.1' prefix='24'/>
        </network>
        """;

    [Test]
    public void Network_Xml_Gives_Its_Bridge_And_Ipv4_Subnets_From_Netmask_Or_Prefix()
    {
        // Given / When
        var first = LibvirtNetworkXml.Parse(DefaultNetwork);
        var second = LibvirtNetworkXml.Parse(ProjectNetwork);

        // Then
        Assert.That((first.Name, first.Bridge, first.Subnets.Single().ToString()), Is.EqualTo(("default", "virbr0", "192.168.122.0/24")));
        Assert.That((second.Name, second.Bridge, second.Subnets.Single().ToString()), Is.EqualTo(("vagrant-private-10.20.30", "virbr7", "10.20.30.0/24")));
    }

    [Test]
    public async Task Lookup_Finds_The_Network_Whose_Subnet_Holds_The_Address()
    {
        // Given
        var host = Virsh();

        // When
        var found = await new LibvirtNetworkLookup(new HostCommand(host.Runner), Uri).FindAsync(System.Net.IPAddress.Parse("10.20.30.11"), null, CancellationToken.None);

        // Then
        Assert.That(found?.Name, Is.EqualTo("vagrant-private-10.20.30"));
        Assert.That(host.Runner.CommandLines, Is.EqualTo(new[]
        {
            "virsh -c qemu:///system net-list --name",
            "virsh -c qemu:///system net-dumpxml default",
            "virsh -c qemu:///system net-dumpxml vagrant-private-10.20.30",
        }));
    }

    [Test]
    public async Task Up_Joins_The_Bridge_With_A_Veth_Whose_Other_End_Is_Addressed_Inside_The_Container()
    {
        // Given
        using var podman = Networked(out var hostEnd, out var peer);

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up());

        // Then
        var commands = podman.Commands.Where(c => c.StartsWith("ip ", StringComparison.Ordinal) || c.StartsWith("nsenter ", StringComparison.Ordinal));
        Assert.That(commands, Is.EqualTo(new[]
        {
            $"ip link delete {hostEnd}",
            $"ip link add {hostEnd} type veth peer name {peer}",
            $"ip link set {hostEnd} master virbr7",
            $"ip link set {hostEnd} up",
            $"ip link set {peer} netns 4242",
            $"nsenter --target 4242 --net ip link set {peer} name eth0",
            "nsenter --target 4242 --net ip address add 10.20.30.11/24 dev eth0",
            "nsenter --target 4242 --net ip link set eth0 up",
        }));
        Assert.That(podman.Commands, Has.Some.Contains(" --network none "));
        Assert.That(hostEnd, Has.Length.LessThanOrEqualTo(15));
    }

    [Test]
    public async Task Up_Of_A_Stopped_Container_Attaches_It_Again()
    {
        // Given
        using var podman = Networked(out var hostEnd, out _);
        podman.Machine.Id = "c0ffee";
        var started = false;
        podman.Machine.FakeHost.Processes = new FakeProcessRunner((request, token) =>
        {
            if (request.Arguments is ["start", ..])
            {
                started = true;
            }

            return request.Arguments is ["container", "inspect", "--format", "{{.State.Status}}", ..]
                ? Task.FromResult(new Sdk.Plugins.ProcessResult(0, started ? "running\n" : "exited\n", string.Empty))
                : podman.Host.Runner.RunAsync(request, token);
        });

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up());

        // Then
        Assert.That(podman.Machine.FakeHost.Processes.CommandLines, Has.Some.EqualTo($"ip link set {hostEnd} master virbr7"));
        Assert.That(podman.Machine.FakeHost.Processes.CommandLines, Has.None.StartsWith("podman create"));
    }

    [Test]
    public void Address_No_Libvirt_Network_Holds_Is_Refused_Naming_Machine_And_Ip_And_Undone()
    {
        // Given
        using var podman = new PodmanMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "10.99.0.5"));
        podman.Host.On("podman create", "c0ffee\n").On("podman container inspect --format {{.State.Pid}}", "4242\n")
            .On("virsh -c qemu:///system net-list", "default\n").On("virsh -c qemu:///system net-dumpxml default", DefaultNetwork);

        // When
        var error = Assert.ThrowsAsync<PodmanException>(() => new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up()));

        // Then
        Assert.That(error!.Message, Is.EqualTo(
            "Machine 'web': no libvirt network on qemu:///system holds 10.99.0.5 (private_network). A podman container joins the libvirt network of the project's VMs: " +
            "bring up a libvirt machine on that network first (define it before this machine in Vagrantfile.csx, or run `vnet up` for it first)."));
        Assert.That(podman.Commands, Has.Some.EqualTo("podman rm --force --ignore --volumes c0ffee"));
    }

    [Test]
    public void Failure_After_The_Veth_Was_Made_Deletes_Its_Host_End()
    {
        // Given
        using var podman = Networked(out var hostEnd, out _);
        podman.Host.On("nsenter --target 4242 --net ip address add", exit: 2, stderr: "RTNETLINK answers: File exists");

        // When
        Assert.ThrowsAsync<PodmanException>(() => new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up()));

        // Then
        Assert.That(podman.Commands.Count(c => c == $"ip link delete {hostEnd}"), Is.EqualTo(2), "once before the add, once undoing it");
    }

    [Test]
    public void Host_End_Names_Fit_Linux_And_Differ_Per_Container_And_Interface()
    {
        // Given / When
        var names = new[] { VethNames.Host("a", 0), VethNames.Host("a", 1), VethNames.Host("b", 0) };

        // Then
        Assert.That(names, Is.Unique.And.All.Length.EqualTo(12).And.All.StartWith("vp"));
    }

    private static ScriptedHost Virsh() => new ScriptedHost()
        .On("virsh -c qemu:///system net-list", "default\nvagrant-private-10.20.30\n")
        .On("virsh -c qemu:///system net-dumpxml default", DefaultNetwork)
        .On("virsh -c qemu:///system net-dumpxml vagrant-private-10.20.30", ProjectNetwork);

    private static PodmanMachine Networked(out string hostEnd, out string peer)
    {
        var podman = new PodmanMachine(configure: c => c.Vm.Network.PrivateNetwork(ip: "10.20.30.11"));
        podman.Host.On("podman create", "c0ffee\n").On("podman container inspect --format {{.State.Pid}}", "4242\n")
            .On("podman container inspect --format {{.State.Status}} c0ffee", "running\n")
            .On("podman container inspect --format {{range .Mounts}}", "/vagrant\n")
            .On("virsh -c qemu:///system net-list", "default\nvagrant-private-10.20.30\n")
            .On("virsh -c qemu:///system net-dumpxml default", DefaultNetwork)
            .On("virsh -c qemu:///system net-dumpxml vagrant-private-10.20.30", ProjectNetwork);
        hostEnd = VethNames.Host("c0ffee", 0);
        peer = VethNames.Peer("c0ffee", 0);
        return podman;
    }
}
