using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet editor</c> and the editor project <c>vnet init</c> writes: what they write, and what they leave alone.</summary>
[NonParallelizable]
public class EditorCommandTests
{
    private string _root = null!;
    private string _project = null!;
    private string _home = null!;

    private string EditorProject => Path.Combine(_project, ".vnet", "editor", "Vagrantfile.csproj");

    [SetUp]
    public void CreateProject()
    {
        _root = Directory.CreateTempSubdirectory("vnet-editor-cmd-").FullName;
        _project = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;
        _home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
    }

    [TearDown]
    public void RemoveProject() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Init_WritesAnEditorProject_ThatReferencesTheSdkVnetRunsWith()
    {
        // When
        var run = await VnetAsync("init");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var text = File.ReadAllText(EditorProject);
        Assert.That(text, Does.StartWith("<!-- Written by `vnet editor`"));
        Assert.That(text, Does.Contain($"<HintPath>{typeof(VagrantNet.Sdk.Vagrant).Assembly.Location}</HintPath>"));
        Assert.That(text, Does.Contain("<Compile Include=\"../../**/*.csx\" Exclude=\"../../.vnet/**\" />"));
        Assert.That(text, Does.Contain("<Using Include=\"VagrantNet.Sdk.Config\" />"), "the script's implicit usings, as global usings");
    }

    [Test]
    public async Task Editor_RunAgain_LeavesItsFileAsItWas()
    {
        // Given
        await VnetAsync("init");
        var before = File.ReadAllText(EditorProject);

        // When
        var run = await VnetAsync("editor");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain(".vnet/editor/Vagrantfile.csproj is up to date"));
        Assert.That(File.ReadAllText(EditorProject), Is.EqualTo(before));
    }

    [Test]
    public async Task Editor_AfterAPluginIsInstalled_AddsItToItsOwnFile()
    {
        // Given
        await VnetAsync("init");
        var plugin = TestPaths.InstallLibvirtPlugin(Path.Combine(_home, "plugins"));

        // When
        var run = await VnetAsync("editor");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("Updated ").And.Contain(".vnet/editor/Vagrantfile.csproj for this vnet and its plugins"));
        Assert.That(File.ReadAllText(EditorProject), Does.Contain($"<HintPath>{Path.Combine(plugin, "VagrantNet.Providers.Libvirt.dll")}</HintPath>"));
    }

    [Test]
    public async Task Editor_RefusesToReplaceAFileItDidNotWrite()
    {
        // Given
        await VnetAsync("init", "--minimal");
        File.WriteAllText(EditorProject, "<Project>mine</Project>");

        // When
        var run = await VnetAsync("editor");

        // Then
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Stderr, Does.Contain(".vnet/editor/Vagrantfile.csproj was not written by vnet, so vnet leaves it alone"));
        Assert.That(File.ReadAllText(EditorProject), Is.EqualTo("<Project>mine</Project>"));
    }

    [Test]
    public async Task Init_KeepsAUsersOwnFileWhereTheEditorProjectGoes_AndSaysSo()
    {
        // Given
        Directory.CreateDirectory(Path.GetDirectoryName(EditorProject)!);
        File.WriteAllText(EditorProject, "<Project>mine</Project>");

        // When
        var run = await VnetAsync("init");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(Path.Combine(_project, "Vagrantfile.csx"), Does.Exist);
        Assert.That(run.Stdout, Does.Contain("was not written by vnet, so vnet leaves it alone").And.Contain("Editors will not complete Vagrantfile.csx"));
        Assert.That(File.ReadAllText(EditorProject), Is.EqualTo("<Project>mine</Project>"));
    }

    [Test]
    public async Task Editor_WithoutAVagrantfile_SaysToRunInit()
    {
        // When
        var run = await VnetAsync("editor");

        // Then
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Stderr, Does.Contain("Run `vnet init` to create one"));
        Assert.That(Path.Combine(_project, ".vnet"), Does.Not.Exist);
    }

    [Test]
    public async Task Validate_IgnoresTheEditorProject()
    {
        // Given
        await VnetAsync("init", "--minimal");

        // When
        var run = await VnetAsync("validate");

        // Then
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("Vagrantfile.csx validated successfully"));
    }

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(_project, new Dictionary<string, string?> { ["VNET_HOME"] = _home }, args);
}
