using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Cli;

/// <summary><c>vnet config</c>: the merged, finalized configuration of each machine, as JSON and as a listing, secrets masked.</summary>
[TestFixture]
[NonParallelizable]
public class ConfigCommandTests
{
    private ProjectFixture _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ProjectFixture();

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    private Task<VnetRun> VnetAsync(params string[] args) =>
        InProcessVnet.RunAsync(
            _project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = PackingProvider.Name, ["VNET_CWD"] = null, ["VNET_DOTFILE_PATH"] = null },
            [PackingProvider.Plugin],
            new StringWriter(),
            args);

    [Test]
    public async Task ConfigJson_OfASmallVagrantfile_IsTheMergedFinalizedConfiguration()
    {
        // Given
        _project.WithVagrantfileText("""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "test/box";
                config.Vm.Hostname = "web";
                config.Vm.Network.PrivateNetwork(ip: "10.20.30.10");
                config.Vm.SyncedFolder(".", "/vagrant", type: "rsync");
                config.Vm.Provision.Shell("hello", inline: "echo hello");
                config.Trigger.Before("up", t => t.Info = "starting");
                config.Vm.Provider("packer", p => p["size"] = 20);
            });
            """);

        // When
        var config = await VnetAsync("config", "--json");

        // Then
        Assert.That(config.ExitCode, Is.Zero, config.ToString());
        Assert.That(config.Stdout.Trim(), Is.EqualTo(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "config", "small.json")).Trim()));
    }

    [Test]
    public async Task Config_MasksPasswordsAndTokens_InEverySection()
    {
        // Given
        _project.WithVagrantfileText("""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "test/box";
                config.Ssh.Password = "hunter2";
                config.Vm.Network.PrivateNetwork(ip: "10.20.30.10", options: new() { ["api_token"] = "tok-123" });
                config.Vm.Provider("packer", p => p["password"] = "s3cret");
            });
            """);

        // When
        var json = await VnetAsync("config", "--json");
        var listing = await VnetAsync("config");

        // Then
        Assert.That(json.ExitCode, Is.Zero, json.ToString());
        Assert.That(json.Stdout + listing.Stdout, Does.Not.Contain("hunter2").And.Not.Contain("tok-123").And.Not.Contain("s3cret"));
        Assert.That(json.Stdout, Does.Contain("\"password\": \"********\"").And.Contain("\"api_token\": \"********\""));
        Assert.That(listing.Stdout, Does.Contain("ssh.password = \"********\"").And.Contain("provider_settings.password = \"********\""));
    }

    [Test]
    public async Task Config_WithoutJson_ListsOneSettingALine_PerMachine()
    {
        // Given
        _project.WithVagrantfileText("""
            Vagrant.Configure(config =>
            {
                config.Vm.Box = "test/box";
                config.Vm.Define("web", m => m.Vm.Hostname = "web");
                config.Vm.Define("db", m => m.Vm.Hostname = "db");
            });
            """);

        // When
        var listing = await VnetAsync("config", "db");

        // Then
        Assert.That(listing.ExitCode, Is.Zero, listing.ToString());
        Assert.That(listing.Stdout, Does.StartWith("==> db (packer)\n"));
        Assert.That(listing.Stdout, Does.Contain("vm.box = \"test/box\"\n").And.Contain("vm.hostname = \"db\"\n").And.Contain("provider_settings.size = 10\n"));
        Assert.That(listing.Stdout, Does.Not.Contain("web"));
    }
}
