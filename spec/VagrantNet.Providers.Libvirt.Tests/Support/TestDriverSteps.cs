using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>
/// Base of the step tests on <c>test:///default</c>: one connection held open for the whole test (so the
/// driver's state is shared with the providers' own connections and resets after the test), machines
/// disposed at the end, and helpers to run steps.
/// </summary>
public abstract class TestDriverSteps
{
    private readonly List<LibvirtTestMachine> _machines = [];

    /// <summary>The test's own connection: keeps the test driver's state alive and lets tests look around.</summary>
    internal LibvirtConnection Libvirt { get; private set; } = null!;

    /// <summary>
    /// A machine with one private network at 10.20.30.10 unless <paramref name="configure"/> says otherwise; pass
    /// another machine's <paramref name="host"/> for machines sharing one VNET_HOME.
    /// </summary>
    internal LibvirtTestMachine NewMachine(string name = "default", Action<RootConfig>? configure = null, Action<LibvirtConfig>? configureProvider = null, FakeVnetHost? host = null)
    {
        var machine = new LibvirtTestMachine(name, configure ?? (c => c.Vm.Network.PrivateNetwork(ip: "10.20.30.10")), configureProvider, host);
        _machines.Add(machine);
        return machine;
    }

    /// <summary>Runs <paramref name="builder"/> on a new context for <paramref name="machine"/>.</summary>
    internal static Task<ActionContext> RunAsync(LibvirtTestMachine machine, ActionBuilder builder, Action<ActionContext>? prepare = null) =>
        new RecipeFixture(machine).RunAsync(builder, prepare);

    /// <summary>A machine whose domain is defined (not started), with the box image already in the pool.</summary>
    internal async Task<LibvirtTestMachine> CreatedMachineAsync(Action<LibvirtConfig>? configureProvider = null)
    {
        var machine = NewMachine(configureProvider: configureProvider);
        SeedBoxImage(machine);
        await RunAsync(machine, LibvirtRecipes.Creation()).ConfigureAwait(false);
        return machine;
    }

    /// <summary>A machine whose domain is created and started.</summary>
    internal async Task<LibvirtTestMachine> StartedMachineAsync(Action<LibvirtConfig>? configureProvider = null)
    {
        var machine = await CreatedMachineAsync(configureProvider);
        await RunAsync(machine, new ActionBuilder().Use<StartDomain>());
        return machine;
    }

    /// <summary>
    /// Puts the box image volume into the pool as an earlier import would have (the test driver cannot
    /// upload, and does not see files copied into a pool directory). Returns its name.
    /// </summary>
    internal string SeedBoxImage(LibvirtTestMachine machine)
    {
        var name = HandleBoxImage.VolumeName(machine.FakeHost.Box, "box.img");
        using var pool = Pool();
        using var existing = pool.TryLookupVolume(name);
        if (existing is null)
        {
            using var volume = pool.CreateVolume($"""
                <volume>
                  <name>{name}</name>
                  <capacity unit='GiB'>{TestBox.VirtualSizeGb}</capacity>
                  <target><format type='qcow2'/></target>
                </volume>
                """);
        }

        return name;
    }

    internal LibvirtStoragePool Pool() => Libvirt.TryLookupStoragePool(TestDriver.StockPool)!;

    internal IReadOnlyList<string> VolumeNames()
    {
        using var pool = Pool();
        return [.. pool.ListAllVolumes().Select(v =>
        {
            using (v)
            {
                return v.Name;
            }
        })];
    }

    internal IReadOnlyList<string> NetworkNames() => [.. Libvirt.ListAllNetworks().Select(n =>
    {
        using (n)
        {
            return n.Name;
        }
    })];

    /// <summary>The networks libvirt has that the host registry of <paramref name="machine"/> records as vnet's.</summary>
    internal IReadOnlyList<string> RecordedNetworks(LibvirtTestMachine machine)
    {
        var registry = new CreatedNetworks(machine.FakeHost.Home, TestDriver.Uri);
        var recorded = new List<string>();
        foreach (var network in Libvirt.ListAllNetworks())
        {
            using (network)
            {
                if (registry.Contains(network))
                {
                    recorded.Add(network.Name);
                }
            }
        }

        return recorded;
    }

    internal bool DomainExists(string name)
    {
        using var domain = Libvirt.TryLookupDomain(name);
        return domain is not null;
    }

    [SetUp]
    public void OpenTestDriver()
    {
        Libvirt = LibvirtConnection.Open(TestDriver.Uri);
        const string leak = "the test driver kept state from an earlier test: a libvirt handle was not disposed";
        Assert.That(NetworkNames(), Is.EqualTo(new[] { TestDriver.StockNetwork }), leak);
        Assert.That(VolumeNames(), Is.Empty, leak);
    }

    [TearDown]
    public void CloseTestDriver()
    {
        foreach (var machine in _machines)
        {
            machine.Dispose();
        }

        _machines.Clear();
        Libvirt.Dispose();
    }
}
