using System.Formats.Tar;
using System.IO.Compression;
using VagrantNet.Sdk;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary>
/// <c>vnet package</c> in-process, on a provider whose package action writes a disk and metadata.json: the box file it
/// makes, what <c>box add</c> then reads back from it, and what a refused or failed package leaves (nothing).
/// </summary>
[TestFixture]
[NonParallelizable]
public class PackageCommandTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject()
    {
        _project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"test/box\");");
        PackingProvider.Fail = false;
        PackingProvider.Log.Clear();
    }

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private string Box => Path.Combine(_project.ProjectDirectory, "package.box");

    private Task<VnetRun> VnetAsync(params string[] args) => VnetInAsync(_project.ProjectDirectory, PackingProvider.Name, args);

    private Task<VnetRun> VnetInAsync(string directory, string provider, params string[] args) =>
        InProcessVnet.RunAsync(
            directory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = provider, ["VNET_CWD"] = null, ["VNET_DOTFILE_PATH"] = null },
            [PackingProvider.Plugin],
            new StringWriter(),
            args);

    [Test]
    public async Task Package_WritesPackageBox_WithTheProvidersFilesAndAVagrantfile_WhichBoxAddTakes()
    {
        // Given
        await VnetAsync("up");

        // When
        var package = await VnetAsync("package");
        var add = await VnetAsync("box", "add", "--name", "test/packaged", Box);

        // Then
        Assert.That(package.ExitCode, Is.Zero, package.ToString());
        Assert.That(PackingProvider.Log, Is.EqualTo(new[] { "up", "package" }));
        Assert.That(Entries(Box), Is.EquivalentTo(new[] { "metadata.json", "box_1.img", "Vagrantfile.csx" }));
        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        var installed = Directory.GetDirectories(Path.Combine(_project.Home, "boxes", "test-VAGRANTSLASH-packaged"), "*", SearchOption.AllDirectories).Single(d => File.Exists(Path.Combine(d, "metadata.json")));
        Assert.That(File.ReadAllText(Path.Combine(installed, "box_1.img")), Is.EqualTo("disk of default"));
        Assert.That(File.ReadAllText(Path.Combine(installed, "Vagrantfile.csx")), Is.EqualTo(Core.Boxes.BoxPackager.DefaultVagrantfile));
        Assert.That(Directory.GetFiles(_project.ProjectDirectory, "package.box*"), Is.EqualTo(new[] { Box }), "no temporary file is left beside the box");
    }

    [Test]
    public async Task Package_CarriesTheMachinesOwnKey_AndAMachineFromTheBoxLogsInWithIt()
    {
        // Given: vnet replaced the insecure key of the machine
        await VnetAsync("up");
        var key = Path.Combine(_project.ProjectDirectory, ".vnet", "machines", "default", PackingProvider.Name, "private_key");
        File.WriteAllText(key, "the machine's key");

        // When: packaged, added, and a second project uses the box
        await VnetAsync("package");
        await VnetAsync("box", "add", "--name", "test/packaged", Box);
        var other = Directory.CreateDirectory(Path.Combine(_project.Root, "other")).FullName;
        File.WriteAllText(Path.Combine(other, "Vagrantfile.csx"), "Vagrant.Configure(config => config.Vm.Box = \"test/packaged\");");
        var config = await VnetInAsync(other, PackingProvider.Name, "config", "--json");

        // Then: the box holds the key (0600) and its Vagrantfile.csx points ssh at it, wherever the box was installed
        Assert.That(config.ExitCode, Is.Zero, config.ToString());
        var installed = Directory.GetFiles(Path.Combine(_project.Home, "boxes"), "vagrant_private_key", SearchOption.AllDirectories).Single();
        Assert.That(File.ReadAllText(installed), Is.EqualTo("the machine's key"));
        Assert.That(File.GetUnixFileMode(installed), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var json = System.Text.Json.JsonDocument.Parse(config.Stdout).RootElement.GetProperty("machines")[0];
        Assert.That(json.GetProperty("ssh").GetProperty("private_key_path")[0].GetString(), Is.EqualTo(installed));
    }

    [Test]
    public async Task Package_WithVagrantfileAndInclude_PutsThemInTheBox()
    {
        // Given
        await VnetAsync("up");
        var vagrantfile = Path.Combine(_project.Root, "box.csx");
        File.WriteAllText(vagrantfile, "Vagrant.Configure(config => config.Vm.Hostname = \"from-box\");\n");
        var notes = Path.Combine(_project.Root, "notes.txt");
        File.WriteAllText(notes, "read me");

        // When
        var package = await VnetAsync("package", "--output", "custom.box", "--vagrantfile", vagrantfile, "--include", notes);

        // Then
        Assert.That(package.ExitCode, Is.Zero, package.ToString());
        var box = Path.Combine(_project.ProjectDirectory, "custom.box");
        Assert.That(Entries(box), Is.EquivalentTo(new[] { "metadata.json", "box_1.img", "Vagrantfile.csx", "include/notes.txt" }));
        Assert.That(Read(box, "Vagrantfile.csx"), Is.EqualTo(File.ReadAllText(vagrantfile)));
    }

    [Test]
    public async Task Package_RefusesAnOutputThatExists_BeforeTouchingTheMachine()
    {
        // Given
        await VnetAsync("up");
        File.WriteAllText(Box, "an older box");

        // When
        var package = await VnetAsync("package");

        // Then
        Assert.That(package.ExitCode, Is.EqualTo(1));
        Assert.That(package.Stderr, Does.Contain($"The box file {Box} already exists. Remove it, or choose another name with --output."));
        Assert.That(PackingProvider.Log, Is.EqualTo(new[] { "up" }));
        Assert.That(File.ReadAllText(Box), Is.EqualTo("an older box"));
    }

    [Test]
    public async Task Package_WhenTheProviderFails_LeavesNoBoxFileAndNoScratchCopy()
    {
        // Given
        await VnetAsync("up");
        PackingProvider.Fail = true;

        // When
        var package = await VnetAsync("package");

        // Then
        Assert.That(package.ExitCode, Is.EqualTo(1), package.ToString());
        Assert.That(Directory.GetFiles(_project.ProjectDirectory, "*.box*"), Is.Empty);
        var temp = Path.Combine(_project.Home, "tmp");
        Assert.That(Directory.Exists(temp) ? Directory.GetFileSystemEntries(temp, "package-*") : [], Is.Empty);
    }

    [Test]
    public async Task Package_OnAProviderWithoutIt_SaysTheProviderCannotPackage()
    {
        // Given
        await VnetInAsync(_project.ProjectDirectory, PackingProvider.Unable, "up");

        // When
        var package = await VnetInAsync(_project.ProjectDirectory, PackingProvider.Unable, "package");

        // Then
        Assert.That(package.ExitCode, Is.EqualTo(1));
        Assert.That(package.Stderr, Does.Contain($"Machine 'default': the {PackingProvider.Unable} provider cannot package machines."));
    }

    [Test]
    public async Task Package_OfAMachineNeverCreated_IsRefused()
    {
        // When
        var package = await VnetAsync("package");

        // Then
        Assert.That(package.ExitCode, Is.EqualTo(1));
        Assert.That(package.Stderr, Does.Contain("Machine 'default' is not created, so there is nothing to package. Run `vnet up` first."));
        Assert.That(File.Exists(Box), Is.False);
    }

    private static List<string> Entries(string box)
    {
        using var file = File.OpenRead(box);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType != TarEntryType.Directory)
            {
                names.Add(entry.Name);
            }
        }

        return names;
    }

    private static string Read(string box, string name)
    {
        using var file = File.OpenRead(box);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == name)
            {
                using var reader = new StreamReader(entry.DataStream!);
                return reader.ReadToEnd();
            }
        }

        throw new AssertionException($"{name} is not in {box}");
    }
}

/// <summary>A provider whose package action writes a one-line disk and metadata.json, as a real one writes its images; and one that cannot package.</summary>
internal sealed class PackingProvider(IMachine machine, bool canPackage) : IProvider
{
    public const string Name = "packer";

    public const string Unable = "nopacker";

    public static List<string> Log { get; } = [];

    public static bool Fail { get; set; }

    public static IVagrantPlugin Plugin { get; } = new PackingPlugin();

    public ActionBuilder? Action(string name) => name == ActionNamesWellKnown.Package && !canPackage ? null : new ActionBuilder().Use(new Record(name));

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Task.FromResult(machine.Id is null ? MachineState.NotCreated : new MachineState("shutoff", "shutoff", "The machine is stopped."));

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) => Task.FromResult<SshInfo?>(null);

    private sealed class Record(string action) : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            Log.Add(action);
            if (action == ActionNamesWellKnown.Up)
            {
                context.Machine.Id = Guid.NewGuid().ToString();
            }

            if (action == ActionNamesWellKnown.Package)
            {
                var directory = context.Get(PackageKeys.Directory);
                await File.WriteAllTextAsync(Path.Combine(directory, "box_1.img"), "disk of " + context.Machine.Name);
                if (Fail)
                {
                    throw new VnetError("the disk could not be copied");
                }

                await File.WriteAllTextAsync(Path.Combine(directory, "metadata.json"), $$"""{"provider": "{{context.Machine.ProviderName}}"}""");
            }

            await next(context).ConfigureAwait(false);
        }
    }

    private sealed class PackingPlugin : IVagrantPlugin
    {
        public void Register(IPluginRegistry registry)
        {
            registry.Provider<PackingConfig>(m => new PackingProvider(m, canPackage: true));
            registry.Provider<UnableConfig>(m => new PackingProvider(m, canPackage: false));
        }
    }
}

[ProviderName(PackingProvider.Name)]
internal sealed class PackingConfig : ProviderConfig
{
    public int? Size { get; set; }

    public string? Password { get; set; }

    public override void FinalizeDefaults() => Size ??= 10;
}

[ProviderName(PackingProvider.Unable)]
internal sealed class UnableConfig : ProviderConfig
{
}
