using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Podman.Tests.Provider;

/// <summary>What the podman settings accept and how each refusal names the setting.</summary>
public class PodmanConfigTests
{
    private string _project = null!;

    [SetUp]
    public void CreateProject() => _project = Directory.CreateTempSubdirectory("vnet-podman-config-").FullName;

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    [Test]
    public void Config_Without_Image_Or_Archive_Is_Refused_Naming_Podman_Image()
    {
        // Given
        var config = new PodmanConfig();

        // When
        var errors = Validate(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "podman.image: the podman provider needs an image: set podman.image (an image in the local podman store) or podman.image_archive (a `podman save` archive to load)" }));
    }

    [Test]
    public void Archive_That_Is_No_File_Is_Refused_With_The_Resolved_Path()
    {
        // Given
        var config = new PodmanConfig { ImageArchive = "images/missing.tar" };

        // When
        var errors = Validate(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { $"podman.image_archive: 'images/missing.tar' is not a file (resolved against the project directory: {Path.Combine(_project, "images", "missing.tar")})" }));
    }

    [Test]
    public void Archive_Relative_To_The_Project_Is_Enough_Without_An_Image()
    {
        // Given
        File.WriteAllText(Path.Combine(_project, "image.tar"), "archive");
        var config = new PodmanConfig { ImageArchive = "image.tar" };

        // When
        var errors = Validate(config);

        // Then
        Assert.That(errors, Is.Empty);
    }

    [TestCase("-bad", "podman.container_name: '-bad' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit")]
    [TestCase("a b", "podman.container_name: 'a b' is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit")]
    public void Container_Name_Podman_Would_Refuse_Is_Refused(string name, string expected)
    {
        // Given
        var config = new PodmanConfig { Image = "img", ContainerName = name };

        // When
        var errors = Validate(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Empty_Cmd_And_A_Bad_Env_Name_Are_Both_Reported()
    {
        // Given
        var config = new PodmanConfig { Image = "img", Cmd = [] };
        config.Env["A=B"] = "c";

        // When
        var errors = Validate(config);

        // Then
        Assert.That(errors, Is.EqualTo(new[]
        {
            "podman.cmd: is empty: give the command and its arguments, or leave it unset for `sleep infinity`",
            "podman.env: 'A=B' is not an environment variable name",
        }));
    }

    [Test]
    public void Private_Network_Without_A_Static_Ip_Is_Refused()
    {
        // Given
        var machine = new RootConfig();
        machine.Vm.Network.PrivateNetwork(type: "dhcp");

        // When
        var errors = ValidateMachine(new PodmanConfig { Image = "img" }, machine);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.network \"private_network\": a podman container joins a private network by a static IP: give ip: (type: \"dhcp\" is not supported)" }));
    }

    [Test]
    public void Podman_Network_Other_Than_None_Is_Refused_Beside_A_Private_Network()
    {
        // Given
        var machine = new RootConfig();
        machine.Vm.Network.PrivateNetwork(ip: "10.20.30.11");

        // When
        var errors = ValidateMachine(new PodmanConfig { Image = "img", Network = "host" }, machine);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "podman.network: is 'host', but the machine has a private network: leave podman.network unset or \"none\" (the private network's interface replaces podman's)" }));
    }

    [Test]
    public void Public_Network_Is_Refused()
    {
        // Given
        var machine = new RootConfig();
        machine.Vm.Network.PublicNetwork();

        // When
        var errors = ValidateMachine(new PodmanConfig { Image = "img" }, machine);

        // Then
        Assert.That(errors, Is.EqualTo(new[] { "vm.network \"public_network\": the podman provider has no public networks; use a private_network with a static IP on a libvirt network" }));
    }

    [Test]
    public void Forwarded_Port_Without_Podmans_Networking_Is_Refused()
    {
        // Given
        var machine = new RootConfig();
        machine.Vm.Network.ForwardedPort(guest: 80, host: 8080);

        // When
        var errors = ValidateMachine(new PodmanConfig { Image = "img", Network = "none" }, machine);

        // Then
        Assert.That(errors, Has.Count.EqualTo(1).And.Some.StartsWith("vm.network \"forwarded_port\": a container without podman's networking"));
    }

    [Test]
    public void Later_Layers_Env_Adds_To_And_Overrides_The_Earlier_One()
    {
        // Given
        var project = new PodmanConfig();
        project.Env["A"] = "1";
        project.Env["B"] = "1";
        var machine = new PodmanConfig();
        machine.Env["B"] = "2";

        // When
        project.Merge(machine);

        // Then
        Assert.That(project.Env, Is.EqualTo(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }));
    }

    [Test]
    public void Untyped_Settings_Reach_The_Typed_Config_By_Their_Snake_Case_Names()
    {
        // Given
        var config = new PodmanConfig();

        // When
        config.Set("image_archive", "x.tar");
        config.Set("libvirt_uri", "qemu:///session");

        // Then
        Assert.That((config.ImageArchive, config.LibvirtUri), Is.EqualTo(("x.tar", "qemu:///session")));
    }

    private List<string> Validate(PodmanConfig config)
    {
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web", _project);
        config.Validate(errors);
        return [.. errors.All.Select(e => e.ToString())];
    }

    private List<string> ValidateMachine(PodmanConfig config, RootConfig machine)
    {
        config.FinalizeDefaults();
        var errors = new ValidationErrors("web", _project);
        config.Validate(errors);
        config.ValidateMachine(machine, errors);
        return [.. errors.All.Select(e => e.ToString())];
    }
}
