using System.Text;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Testing;
using VagrantNet.Tests.Boxes.Support;

namespace VagrantNet.Tests.Boxes;

[TestFixture]
public class BoxStoreTests
{
    private BoxFixtures _fixtures = null!;
    private BoxCollection _store = null!;
    private RecordingUi _ui = null!;

    [SetUp]
    public void SetUp()
    {
        _fixtures = new BoxFixtures();
        _store = new BoxCollection(_fixtures.Paths, new BoxAddSettings { RetryDelay = TimeSpan.FromMilliseconds(10), ServerUrl = "http://127.0.0.1:9" });
        _ui = new RecordingUi();
    }

    [TearDown]
    public void TearDown() => _fixtures.Dispose();

    private Task<Sdk.Machines.BoxInfo> AddFile(byte[] box, string name = "vnet/test", string? provider = null, bool force = false, string file = "test.box") =>
        new BoxAdder(_store).AddAsync(new BoxAddRequest([_fixtures.Write(file, box)]) { Name = name, Provider = provider, Force = force }, _ui, CancellationToken.None);

    [Test]
    public async Task AddingABoxFile_InstallsItUnderNameVersionArchitectureProvider()
    {
        // When
        var box = await AddFile(BoxFixtures.LibvirtBox().TarGz());

        // Then
        var expected = Path.Combine(_fixtures.Paths.Boxes, "vnet-VAGRANTSLASH-test", "0", "amd64", "libvirt");
        Assert.That(box.Directory, Is.EqualTo(expected));
        Assert.That(File.Exists(Path.Combine(expected, "box.img")), Is.True);
        Assert.That(box.Metadata["format"].GetString(), Is.EqualTo("qcow2"));
        Assert.That(_store.Find("vnet/test", null, "libvirt", "amd64")?.Directory, Is.EqualTo(expected));
        Assert.That(_fixtures.LeftoverImports(), Is.Empty);
    }

    [TestCase("tar")]
    [TestCase("gzip")]
    [TestCase("zstd")]
    [TestCase("xz")]
    [TestCase("bzip2")]
    public async Task BoxFiles_AreRecognisedByContent_WhateverTheirName(string compression)
    {
        // Given: every variant is named .zip, so only the magic bytes can tell.
        var tar = BoxFixtures.LibvirtBox().Tar();
        var box = compression switch
        {
            "tar" => tar,
            "gzip" => TarBuilder.Gzip(tar),
            "zstd" => TarBuilder.Zstd(tar),
            _ => TarBuilder.WithTool(compression, tar),
        };
        if (box is null)
        {
            Assert.Ignore($"{compression} is not installed");
        }

        // When
        var installed = await AddFile(box!, file: "misleading.zip");

        // Then
        Assert.That(installed.Provider, Is.EqualTo("libvirt"));
    }

    [Test]
    public async Task ALibvirtV2Box_WithADisksArray_IsAccepted()
    {
        // Given
        var box = new TarBuilder()
            .File("metadata.json", """{"provider":"libvirt","format":"raw","disks":[{"path":"box_1.img"},{"path":"box_2.img"}]}""")
            .File("box_1.img", "one").File("box_2.img", "two").TarGz();

        // When
        var installed = await AddFile(box);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(installed.Directory, "box_2.img")), Is.EqualTo("two"));
    }

    private static IEnumerable<TestCaseData> InvalidBoxes()
    {
        yield return new TestCaseData(new TarBuilder().File("box.img", "x").TarGz(), "no metadata.json").SetName("ABoxWithoutMetadata_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", """{"format":"qcow2"}""").File("box.img", "x").TarGz(), "provider").SetName("MetadataWithoutAProvider_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", "[1,2]").TarGz(), "not a JSON object").SetName("MetadataThatIsNoObject_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", BoxFixtures.LibvirtMetadata).TarGz(), "box.img").SetName("ALibvirtBoxWithoutItsImage_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", """{"provider":"libvirt","disks":[{"path":"missing.img"}]}""").TarGz(), "missing.img").SetName("ALibvirtV2BoxMissingADisk_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", """{"provider":"libvirt","disks":[{"path":"../../x.img"}]}""").TarGz(), "inside the box").SetName("ALibvirtV2DiskPathLeavingTheBox_IsRefused");
        yield return new TestCaseData(new TarBuilder().File("metadata.json", "{\"provider\":\"libvirt\",\"pad\":\"" + new string('x', (1 << 20) + 1) + "\"}").File("box.img", "x").TarGz(), "bytes allowed").SetName("HugeMetadata_IsRefusedWhileUnpacking");
        yield return new TestCaseData(BoxFixtures.LibvirtBox().File("../escape", "x").TarGz(), "outside the box directory").SetName("AHostileArchive_IsRefused");
        yield return new TestCaseData(BoxFixtures.LibvirtBox().Fifo("pipe").TarGz(), "FIFO").SetName("AnArchiveWithAFifo_IsRefused");
        yield return new TestCaseData(TarBuilder.Gzip(BoxFixtures.LibvirtBox(100_000).Tar()[..50_000]), "truncated").SetName("ATruncatedBox_IsRefused");
    }

    [TestCaseSource(nameof(InvalidBoxes))]
    public async Task RefusedBoxes_LeaveTheStoreExactlyAsItWas_AndSayWhy(byte[] box, string why)
    {
        // Given: another box is already installed.
        await AddFile(BoxFixtures.LibvirtBox().TarGz(), name: "vnet/other");
        var before = _fixtures.StoreSnapshot();

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => AddFile(box));

        // Then
        Assert.That(error!.Message, Does.Contain("'vnet/test'"));
        Assert.That(error.Message, Does.Contain(why));
        Assert.That(_fixtures.StoreSnapshot(), Is.EqualTo(before));
        Assert.That(_fixtures.LeftoverImports(), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(_fixtures.Root, "escape")), Is.False);
    }

    [Test]
    public void ABoxForAnotherProvider_IsRefused_WhenAProviderIsAsked()
    {
        // Given
        var box = new TarBuilder().File("metadata.json", """{"provider":"virtualbox"}""").TarGz();

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => AddFile(box, provider: "libvirt"));

        // Then
        Assert.That(error!.Message, Does.Contain("'virtualbox' provider, not 'libvirt'"));
        Assert.That(_fixtures.StoreSnapshot(), Is.Empty);
    }

    [Test]
    public async Task AddingAnInstalledBoxAgain_IsRefused_UnlessForced()
    {
        // Given
        await AddFile(BoxFixtures.LibvirtBox(seed: 1).TarGz());

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => AddFile(BoxFixtures.LibvirtBox(seed: 2).TarGz()));
        var replaced = await AddFile(BoxFixtures.LibvirtBox(seed: 2, imageBytes: 10_000).TarGz(), force: true);

        // Then
        Assert.That(error!.Message, Does.Contain("already installed"));
        Assert.That(new FileInfo(Path.Combine(replaced.Directory, "box.img")).Length, Is.EqualTo(10_000));
        Assert.That(_fixtures.LeftoverImports(), Is.Empty);
    }

    [Test]
    public async Task AnAddInterruptedWhileUnpacking_LeavesTheStoreAsItWas()
    {
        // Given: a box large enough to report progress several times.
        var before = _fixtures.StoreSnapshot();
        using var interrupt = new CancellationTokenSource();
        _ui.OnProgress = (title, _) =>
        {
            if (title == "Unpacking")
            {
                interrupt.Cancel();
            }
        };
        var path = _fixtures.Write("big.box", BoxFixtures.LibvirtBox(imageBytes: 8 << 20).TarGz());

        // When
        Assert.CatchAsync<OperationCanceledException>(() => new BoxAdder(_store).AddAsync(new BoxAddRequest([path]) { Name = "vnet/big" }, _ui, interrupt.Token));

        // Then
        Assert.That(_fixtures.StoreSnapshot(), Is.EqualTo(before));
        Assert.That(_fixtures.LeftoverImports(), Is.Empty);
    }

    [Test]
    public async Task TwoConcurrentAddsOfTheSameBox_NeverRace()
    {
        // Given
        var path = _fixtures.Write("same.box", BoxFixtures.LibvirtBox(imageBytes: 2 << 20).TarGz());
        Task<Sdk.Machines.BoxInfo> Add() => Task.Run(() => new BoxAdder(new BoxCollection(_fixtures.Paths)).AddAsync(new BoxAddRequest([path]) { Name = "vnet/same" }, new RecordingUi(), CancellationToken.None));

        // When
        var results = await Task.WhenAll(Add().ContinueWith(t => t), Add().ContinueWith(t => t));

        // Then: one installs, the other waits for the lock and finds it installed.
        Assert.That(results.Count(r => r.IsCompletedSuccessfully), Is.EqualTo(1));
        Assert.That(results.Single(r => r.IsFaulted).Exception!.InnerException!.Message, Does.Contain("already installed"));
        Assert.That(_store.Installed("vnet/same"), Has.Count.EqualTo(1));
        Assert.That(_fixtures.LeftoverImports(), Is.Empty);
    }

    private const string BoxHeader = "// Converted by vnet at `box add` from this box's Ruby Vagrantfile, which vnet never runs. Lines marked\n"
        + "// \"vnet: not converted\" hold what vnet has no equivalent for.\n\n";

    private static readonly HashSet<string> LibvirtSettings = ["driver", "memory", "cpus", "disk_bus", "connect_via_ssh"];

    private Task<Sdk.Machines.BoxInfo> AddWithKnownSettings(byte[] box)
    {
        var store = new BoxCollection(_fixtures.Paths, _store.Settings) { KnownProviderSetting = (provider, setting) => provider == "libvirt" && LibvirtSettings.Contains(setting) };
        return new BoxAdder(store).AddAsync(new BoxAddRequest([_fixtures.Write("test.box", box)]) { Name = "vnet/test" }, _ui, CancellationToken.None);
    }

    [Test]
    public async Task VagrantLibvirtsPackagedVagrantfile_ConvertsAndItsIncludeLinesMapToVnetsOwnMerge()
    {
        // Given: what `vagrant package --vagrantfile` of vagrant-libvirt writes (the include lines inside the block).
        var ruby = """
            Vagrant.configure("2") do |config|
              config.vm.provider :libvirt do |libvirt|
                libvirt.driver = "kvm"
              end

              # Load include vagrant file if it exists after the auto-generated
              # so it can override any of the settings
              include_vagrantfile = File.expand_path("../include/_Vagrantfile", __FILE__)
              load include_vagrantfile if File.exist?(include_vagrantfile)

            end
            """;
        var box = BoxFixtures.LibvirtBox().File("Vagrantfile", ruby).TarGz();

        // When
        var installed = await AddWithKnownSettings(box);

        // Then
        var script = File.ReadAllText(Path.Combine(installed.Directory, "Vagrantfile.csx"));
        Assert.That(script, Is.EqualTo(BoxHeader + """
            Vagrant.Configure(config =>
            {
                config.Vm.Provider("libvirt", libvirt =>
                {
                    libvirt["driver"] = "kvm";
                });

                // Load include vagrant file if it exists after the auto-generated
                // so it can override any of the settings
                // include_vagrantfile (../include/_Vagrantfile) and its load: vnet merges the Vagrantfile.csx packaged with a box itself.
            });

            """.Replace("\r\n", "\n")));
        Assert.That(_ui.Lines, Has.None.StartsWith("warn:"));
    }

    [Test]
    public async Task AGenericBoxVagrantfile_WithLiteralLibvirtSettings_BecomesAVagrantfileCsx()
    {
        // Given: the shape generic/* and debian/* boxes ship, the include lines at the top level.
        var ruby = """
            # -*- mode: ruby -*-
            Vagrant.configure("2") do |config|
              config.vm.provider :libvirt do |l|
                l.driver = "kvm"
                l.memory = 1024
                l.disk_bus = :virtio
              end
            end

            include_vagrantfile = File.expand_path("../_Vagrantfile", __FILE__)
            load include_vagrantfile if File.exist?(include_vagrantfile)
            """;
        var box = BoxFixtures.LibvirtBox().File("Vagrantfile", ruby).TarGz();

        // When
        var installed = await AddWithKnownSettings(box);

        // Then
        var script = File.ReadAllText(Path.Combine(installed.Directory, "Vagrantfile.csx"));
        Assert.That(script, Does.Contain("config.Vm.Provider(\"libvirt\", l =>"));
        Assert.That(script, Does.Contain("l[\"driver\"] = \"kvm\";"));
        Assert.That(script, Does.Contain("l[\"memory\"] = 1024;"));
        Assert.That(script, Does.Contain("l[\"disk_bus\"] = \"virtio\";"));
        Assert.That(script, Does.Not.Contain("load include_vagrantfile").And.Not.Contain("vnet: not converted:"));
        Assert.That(_ui.Lines, Has.None.StartsWith("warn:"));
    }

    [Test]
    public async Task ABoxVagrantfileSettingWhatVnetLacks_LeavesThatSettingOutWithAWarningNamingTheBoxAndTheSetting()
    {
        // Given
        var ruby = """
            Vagrant.configure("2") do |config|
              config.vm.provider :libvirt do |libvirt|
                libvirt.driver = "kvm"
                libvirt.nic_adapter_count = 8
              end
            end
            """;
        var box = BoxFixtures.LibvirtBox().File("Vagrantfile", ruby).TarGz();

        // When
        var installed = await AddWithKnownSettings(box);

        // Then: the rest applies; the unknown setting is a marked comment and one warning.
        var script = File.ReadAllText(Path.Combine(installed.Directory, "Vagrantfile.csx"));
        Assert.That(script, Does.Contain("libvirt[\"driver\"] = \"kvm\";"));
        Assert.That(script, Does.Contain("// vnet: not converted: the libvirt provider setting 'nic_adapter_count'"));
        Assert.That(script, Does.Contain("//   libvirt.nic_adapter_count = 8"));
        var warnings = _ui.Lines.Where(l => l.StartsWith("warn:")).ToList();
        Assert.That(warnings, Is.EqualTo(new[]
        {
            "warn: Box 'vnet/test': its Vagrantfile line 4: the libvirt provider setting 'nic_adapter_count' (vnet's libvirt provider has no such setting) was left out; the rest of it applies.",
        }));
    }

    [Test]
    public async Task ARubyVagrantfileTheParserCannotRead_IsSkippedWithOneWarningNamingTheBox()
    {
        // Given
        var ruby = "Vagrant.configure(\"2\") do |config|\n  config.vm.box = \"x\"\n";
        var box = BoxFixtures.LibvirtBox().File("Vagrantfile", ruby).TarGz();

        // When
        var installed = await AddFile(box);

        // Then
        Assert.That(File.Exists(Path.Combine(installed.Directory, "Vagrantfile.csx")), Is.False);
        var warnings = _ui.Lines.Where(l => l.StartsWith("warn:")).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.Contain("'vnet/test'").And.Contain("Vagrantfile was skipped"));
    }

    [Test]
    public async Task ABoxVagrantfileCsx_IsKeptAsItIs()
    {
        // Given
        var box = BoxFixtures.LibvirtBox().File("Vagrantfile.csx", "// mine").File("Vagrantfile", "system('boom')").TarGz();

        // When
        var installed = await AddFile(box);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(installed.Directory, "Vagrantfile.csx")), Is.EqualTo("// mine"));
    }

    [Test]
    public void BadBoxNames_AreRefusedBeforeAnythingHappens()
    {
        foreach (var name in new[] { "../evil", "a/../b", "/abs", "a b", "-x", "x-VAGRANTSLASH-y", "" })
        {
            Assert.That(Assert.ThrowsAsync<VnetException>(() => AddFile(BoxFixtures.LibvirtBox().TarGz(), name: name))!.Message, Does.Contain("not a valid box name"), name);
        }

        Assert.That(_fixtures.StoreSnapshot(), Is.Empty);
    }

    [Test]
    public void Find_ReturnsTheNewestVersionMatchingConstraintProviderAndArchitecture()
    {
        // Given
        foreach (var (version, architecture) in new[] { ("1.0.0", "amd64"), ("1.2.0", "amd64"), ("2.0.0", "amd64"), ("3.0.0", "arm64") })
        {
            Install("org/box", version, architecture, "libvirt");
        }

        // When / Then
        Assert.That(_store.Find("org/box", null, "libvirt", "amd64")?.Version, Is.EqualTo("2.0.0"));
        Assert.That(_store.Find("org/box", "< 2", "libvirt", "amd64")?.Version, Is.EqualTo("1.2.0"));
        Assert.That(_store.Find("org/box", "~> 1.0.0", "libvirt", "amd64")?.Version, Is.EqualTo("1.0.0"));
        Assert.That(_store.Find("org/box", null, "libvirt", "arm64")?.Version, Is.EqualTo("3.0.0"));
        Assert.That(_store.Find("org/box", null, "virtualbox", "amd64"), Is.Null);
        Assert.That(_store.Find("org/box", "> 5", "libvirt", "amd64"), Is.Null);
        Assert.That(_store.Find("org/box", "not a constraint", "libvirt", "amd64"), Is.Null);
    }

    [Test]
    public void Remove_DeletesTheBox_AndTheNameDirectoryWithItsLastVersion()
    {
        // Given
        var old = Install("org/box", "1.0.0", "amd64", "libvirt");
        var current = Install("org/box", "2.0.0", "amd64", "libvirt");
        File.WriteAllText(Path.Combine(_store.NameDirectory("org/box"), BoxCollection.MetadataUrlFile), "http://example.invalid/org/box");

        // When
        _store.Remove(old);

        // Then
        Assert.That(_store.Installed("org/box").Select(b => b.Version), Is.EqualTo(new[] { "2.0.0" }));
        Assert.That(Directory.Exists(Path.Combine(_store.NameDirectory("org/box"), "1.0.0")), Is.False);
        Assert.That(_store.MetadataUrl("org/box"), Is.Not.Null);

        // When
        _store.Remove(current);

        // Then
        Assert.That(Directory.Exists(_store.NameDirectory("org/box")), Is.False);
        Assert.That(_fixtures.StoreSnapshot(), Is.Empty);
    }

    [Test]
    public void All_ListsBoxesByNameThenNewestVersionFirst()
    {
        // Given
        Install("b/box", "1.0.0", "amd64", "libvirt");
        Install("a/box", "1.10.0", "amd64", "libvirt");
        Install("a/box", "1.9.0", "amd64", "libvirt");

        // When
        var all = _store.All();

        // Then
        Assert.That(all.Select(b => $"{b.Name} {b.Version}"), Is.EqualTo(new[] { "a/box 1.10.0", "a/box 1.9.0", "b/box 1.0.0" }));
    }

    [Test]
    public void Remove_OfABoxReachedThroughALinkPlantedInTheStore_DeletesTheLink_NeverWhatItPointsTo()
    {
        // Given: boxes/org-VAGRANTSLASH-box is a link to a directory outside VNET_HOME that looks like a box.
        var outside = Path.Combine(_fixtures.Root, "outside");
        var victim = Path.Combine(outside, "1.0.0", "amd64", "libvirt");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "metadata.json"), """{"provider":"libvirt"}""");
        File.WriteAllText(Path.Combine(victim, "precious"), "data");
        Directory.CreateDirectory(_fixtures.Paths.Boxes);
        Directory.CreateSymbolicLink(_store.NameDirectory("org/box"), outside);
        var box = _store.Get("org/box", "1.0.0", "libvirt", "amd64")!;

        // When
        _store.Remove(box);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(victim, "precious")), Is.EqualTo("data"));
        Assert.That(File.Exists(Path.Combine(victim, "metadata.json")), Is.True);
        Assert.That(Path.Exists(_store.NameDirectory("org/box")), Is.False, "the link itself is gone");
    }

    [Test]
    public void Remove_OfABoxHoldingALinkToADirectoryOutside_LeavesThatDirectoryAlone()
    {
        // Given
        var outside = Directory.CreateDirectory(Path.Combine(_fixtures.Root, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "precious"), "data");
        var box = Install("org/box", "1.0.0", "amd64", "libvirt");
        Directory.CreateSymbolicLink(Path.Combine(box.Directory, "escape"), outside);

        // When
        _store.Remove(box);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(outside, "precious")), Is.EqualTo("data"));
        Assert.That(_fixtures.StoreSnapshot(), Is.Empty);
    }

    [Test]
    public async Task AnAdd_SweepsScratchDirectoriesAKilledVnetLeft_AndKeepsThoseStillInUse()
    {
        // Given: one unpack whose owner died (its lock file is not held) and one whose owner is alive.
        var temp = Directory.CreateDirectory(_fixtures.Paths.Temp).FullName;
        var dead = Directory.CreateDirectory(Path.Combine(temp, "box-import-dead")).FullName;
        File.WriteAllBytes(Path.Combine(dead, "box.img"), new byte[1024]);
        File.WriteAllText(dead + ".owner", string.Empty);
        var orphanRemove = Directory.CreateDirectory(Path.Combine(temp, "box-remove-dead")).FullName;
        var alive = Directory.CreateDirectory(Path.Combine(temp, "box-import-alive")).FullName;
        using var owner = Core.Locking.FileLock.TryAcquire(alive + ".owner");

        // When
        await AddFile(BoxFixtures.LibvirtBox().TarGz());

        // Then
        Assert.That(Directory.Exists(dead), Is.False);
        Assert.That(File.Exists(dead + ".owner"), Is.False);
        Assert.That(Directory.Exists(orphanRemove), Is.False);
        Assert.That(Directory.Exists(alive), Is.True, "a directory whose owner holds its lock is in use");
        Assert.That(Directory.EnumerateFileSystemEntries(temp).Select(Path.GetFileName), Is.EquivalentTo(new[] { "box-import-alive", "box-import-alive.owner" }));
    }

    private Sdk.Machines.BoxInfo Install(string name, string version, string architecture, string provider)
    {
        var directory = _store.BoxDirectory(name, version, architecture, provider);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "metadata.json"), $$"""{"provider":"{{provider}}"}""");
        File.WriteAllBytes(Path.Combine(directory, "box.img"), Encoding.ASCII.GetBytes("img"));
        return _store.Get(name, version, provider, architecture)!;
    }
}
