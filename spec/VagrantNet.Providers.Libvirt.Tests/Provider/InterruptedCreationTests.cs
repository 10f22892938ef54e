using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// A first <c>up</c> killed at a step (SIGKILL: no recovery runs) leaves its creation journal; the next <c>up</c> or
/// <c>destroy</c> undoes what it lists, and only that.
/// </summary>
[Category("LibvirtTestDriver")]
public class InterruptedCreationTests : TestDriverSteps
{
    private const string PrivateNetwork = "vnet-10.20.30.0-24";
    private const string ManagementNetwork = "vagrant-libvirt";

    /// <summary>The creation steps up to and including each step a kill can follow.</summary>
    private static readonly Type[] KillPoints = [typeof(BeginCreation), typeof(CreateDomainVolume), typeof(CreateNetworks), typeof(CreateDomain)];

    [TestCaseSource(nameof(KillPoints))]
    public async Task Destroy_AfterAnUpKilledAfterAStep_LeavesLibvirtAsItWasBefore(Type killedAfter)
    {
        // Given
        var machine = NewMachine();
        SeedBoxImage(machine);
        var (volumes, networks) = (VolumeNames(), NetworkNames());
        await KillUpAfterAsync(machine, killedAfter);
        Assert.That(machine.ReadState(CreationJournal.FileName), Is.Not.Null, "the killed up left its journal");
        var expected = killedAfter == typeof(CreateDomain) ? "shutoff" : MachineState.InterruptedId;
        Assert.That((await machine.StateAsync(CancellationToken.None)).Id, Is.EqualTo(expected), "status shows the domain, or that an up did not finish");

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(VolumeNames(), Is.EquivalentTo(volumes));
        Assert.That(NetworkNames(), Is.EquivalentTo(networks));
        Assert.That(machine.Id, Is.Null);
        Assert.That(Directory.GetFiles(machine.DataDirectory), Is.Empty, "no state file of the killed up is left");
        Assert.That((await machine.StateAsync(CancellationToken.None)).IsCreated, Is.False);
    }

    [TestCaseSource(nameof(KillPoints))]
    public async Task Up_AfterAnUpKilledAfterAStep_UndoesItAndCreatesTheMachineAfresh(Type killedAfter)
    {
        // Given
        var machine = NewMachine();
        SeedBoxImage(machine);
        await KillUpAfterAsync(machine, killedAfter);
        machine.WriteState("private_key", "key of the killed up's guest");

        // When
        await RunAsync(machine, new ActionBuilder().Use<UndoInterruptedCreation>().Use(LibvirtRecipes.Creation()));

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(machine.Id, Is.EqualTo(domain.Uuid));
        Assert.That(machine.ReadState(CreationJournal.FileName), Is.Null, "the finished creation closed its journal");
        Assert.That(machine.ReadState("private_key"), Is.Null, "a key for the removed guest would lock the new one out");
        Assert.That(VolumeNames().Count(v => v == machine.DomainName + ".img"), Is.EqualTo(1));
        Assert.That(NetworkNames(), Has.Member(ManagementNetwork).And.Member(PrivateNetwork));
        Assert.That(machine.RecordingUi.Lines, Has.Some.StartsWith("warn: An earlier vnet command stopped before it finished creating or destroying this machine"));
    }

    [Test]
    public async Task Destroy_AfterAnUpKilledOnceItMadeTheExtraDisks_RemovesThemFromTheJournal()
    {
        // Given
        var machine = NewMachine(configureProvider: c => c.AddDisk(size: "1G"));
        SeedBoxImage(machine);
        var volumes = VolumeNames();
        await KillUpAfterAsync(machine, typeof(CreateExtraDisks));
        var extra = $"{machine.DomainName}-vdb.qcow2";
        Assert.That(CreationJournal.Read(machine)!.Volumes, Is.EqualTo(new[] { machine.DomainName + ".img", extra }), "recorded before it was made");
        Assert.That(VolumeNames(), Has.Member(extra));

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(VolumeNames(), Is.EquivalentTo(volumes));
    }

    [Test]
    public async Task Destroy_AfterADestroyKilledOnceTheDomainWasGone_RemovesTheNetworksItLeft()
    {
        // Given: a destroy killed after the domain and its volume went, before the networks
        var machine = await CreatedMachineAsync();
        var killed = new ActionBuilder().Use(new Unrecoverable(new DestroyDomain())).Use(new InlineStep(_ => throw new KilledHere()));
        Assert.ThrowsAsync<KilledHere>(() => RunAsync(machine, killed));
        Assert.That(NetworkNames(), Has.Member(PrivateNetwork), "the killed destroy left the network");
        Assert.That((await machine.StateAsync(CancellationToken.None)).Id, Is.EqualTo(MachineState.InterruptedId));

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(NetworkNames(), Has.No.Member(PrivateNetwork).And.No.Member(ManagementNetwork));
        Assert.That(VolumeNames(), Has.No.Member(machine.DomainName + ".img"));
        Assert.That(Directory.GetFiles(machine.DataDirectory), Is.Empty);
    }

    [Test]
    public async Task CreatedDomainAndNetworks_CarryTheMachinesTagAndTheUuidTheJournalRecorded()
    {
        // Given
        var machine = NewMachine();
        SeedBoxImage(machine);

        // When
        await KillUpAfterAsync(machine, typeof(CreateDomain));

        // Then
        var journal = CreationJournal.Read(machine)!;
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(domain.Uuid, Is.EqualTo(journal.DomainUuid));
        var tag = new OwnerTag(machine.ProjectDirectory, machine.Name);
        Assert.That(OwnerTag.Read(XElement.Parse(domain.GetXmlDesc())), Is.EqualTo(tag));
        Assert.That(journal.Volumes, Is.EqualTo(new[] { machine.DomainName + ".img" }));
        Assert.That(journal.Networks.Select(n => n.Name), Is.EquivalentTo(new[] { ManagementNetwork, PrivateNetwork }));
        foreach (var (name, uuid) in journal.Networks)
        {
            using var network = Libvirt.TryLookupNetwork(name)!;
            var xml = XElement.Parse(network.GetXmlDesc());
            Assert.That(xml.Element("uuid")?.Value, Is.EqualTo(uuid));
            Assert.That(OwnerTag.Read(xml), Is.EqualTo(tag));
        }
    }

    [Test]
    public async Task Undo_LeavesASameNamedNetworkThatTheKilledUpNeverMade()
    {
        // Given: the up was killed after recording the network, before defining it; then someone else made one
        var machine = NewMachine();
        var journal = CreationJournal.Begin(machine, machine.DomainName, TestDriver.StockPool);
        journal.RecordNetwork("someone-elses", Guid.NewGuid().ToString());
        using (Libvirt.DefineNetwork("<network><name>someone-elses</name><bridge name='virbr77'/><ip address='10.77.0.1' prefix='24'/></network>"))
        {
        }

        // When
        await RunAsync(machine, LibvirtRecipes.Destroy());

        // Then
        Assert.That(NetworkNames(), Has.Member("someone-elses"));
        Assert.That(machine.FakeHost.Home, Does.Exist);
        Assert.That(RecordedNetworks(machine), Has.No.Member("someone-elses"), "never taken for vnet's");
    }

    [Test]
    public async Task SetNameOfDomain_RemovesADomainTaggedAsThisMachines_WhoseStateWasLost()
    {
        // Given: a created machine whose .vnet was deleted
        var machine = await CreatedMachineAsync();
        var orphan = machine.Id;
        machine.Id = null;
        machine.DeleteAllState();

        // When
        await RunAsync(machine, LibvirtRecipes.Creation());

        // Then
        using var domain = Libvirt.TryLookupDomain(machine.DomainName)!;
        Assert.That(domain.Uuid, Is.Not.EqualTo(orphan));
        Assert.That(machine.Id, Is.EqualTo(domain.Uuid));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("left by an earlier vnet run of this machine"));
    }

    [Test]
    public void SetNameOfDomain_RefusesADomainOfThatNameThatIsNotThisMachines()
    {
        // Given: the name is taken by a domain vnet did not make
        var machine = NewMachine();
        using (Libvirt.DefineDomain($"<domain type='test'><name>{machine.DomainName}</name><memory>1024</memory><os><type>hvm</type></os></domain>"))
        {
        }

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, new ActionBuilder().Use<SetNameOfDomain>()));

        // Then
        Assert.That(error!.Message, Does.Contain($"a libvirt domain named '{machine.DomainName}' already exists and is not this machine's"));
        Assert.That(DomainExists(machine.DomainName), Is.True);
    }

    [Test]
    public async Task Recovery_RemovesTheStateFilesOfTheRemovedDomain()
    {
        // Given: Ctrl+C once the new key was in
        var machine = NewMachine();
        SeedBoxImage(machine);
        var keyed = new InlineStep(c =>
        {
            c.Machine.WriteState("private_key", "k");
            c.Machine.WriteState("known_hosts", "h");
            throw new OperationCanceledException();
        });

        // When
        Assert.CatchAsync<OperationCanceledException>(() => RunAsync(machine, LibvirtRecipes.Creation().Use(keyed)));

        // Then
        Assert.That(DomainExists(machine.DomainName), Is.False);
        Assert.That(Directory.GetFiles(machine.DataDirectory), Is.Empty);
    }

    [Test]
    public void CreationJournal_ThatIsDamaged_IsReportedNamingTheFile()
    {
        // Given
        var machine = NewMachine();
        machine.WriteState(CreationJournal.FileName, "garbage");

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, LibvirtRecipes.Destroy()));

        // Then
        Assert.That(error!.Message, Does.Contain(Path.Combine(machine.DataDirectory, CreationJournal.FileName)).And.Contain("damaged"));
    }

    /// <summary>
    /// Runs the creation steps as a vnet killed right after <paramref name="step"/> would leave things: no step recovers
    /// and nothing after it runs. (Handles and locks are released, as the death of a process releases them.)
    /// </summary>
    private static Task KillUpAfterAsync(LibvirtTestMachine machine, Type step)
    {
        var steps = LibvirtRecipes.Creation().Build().Actions.ToList();
        var upTo = new ActionBuilder();
        foreach (var action in steps.Take(steps.FindIndex(a => a.GetType() == step) + 1))
        {
            upTo.Use(new Unrecoverable(action));
        }

        upTo.Use(new InlineStep(_ => throw new KilledHere()));
        Assert.ThrowsAsync<KilledHere>(() => upTo.Build().RunAsync(new ActionContext(machine, CancellationToken.None)));
        return Task.CompletedTask;
    }

    private sealed class KilledHere : Exception;

    /// <summary>The step without its recovery: what a SIGKILL leaves of it.</summary>
    private sealed class Unrecoverable(IAction inner) : IAction
    {
        public Task InvokeAsync(ActionContext context, ActionDelegate next) => inner.InvokeAsync(context, next);
    }

    private sealed class InlineStep(Func<ActionContext, Task> body) : IAction
    {
        public InlineStep(Action<ActionContext> body)
            : this(c =>
            {
                body(c);
                return Task.CompletedTask;
            })
        {
        }

        public Task InvokeAsync(ActionContext context, ActionDelegate next) => body(context);
    }
}
