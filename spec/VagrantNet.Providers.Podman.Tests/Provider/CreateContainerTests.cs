using VagrantNet.Providers.Podman.Tests.Support;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Podman.Tests.Provider;

/// <summary>The <c>podman create</c> command line a first up runs, and what a failure later in that up undoes.</summary>
public class CreateContainerTests
{
    [Test]
    public async Task First_Up_Creates_A_Labelled_Container_With_The_Project_Folder_Bind_Mounted_And_Records_Its_Id()
    {
        // Given
        using var podman = new PodmanMachine(configure: c => c.Vm.Hostname = "web1");
        podman.Host.On("podman create", "c0ffee\n").On("podman container inspect --format {{.State.Status}} c0ffee", "running\n")
            .On("podman container inspect --format {{range .Mounts}}", "/vagrant\n");

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up());

        // Then
        var project = podman.Machine.ProjectDirectory;
        Assert.That(podman.Commands, Has.Some.EqualTo(
            $"podman create --name proj_web --label vnet.project={project} --label vnet.machine=web --hostname web1 " +
            $"--volume {project}:/vagrant --init localhost/vnet-debian12:latest sleep infinity"));
        Assert.That(podman.Machine.Id, Is.EqualTo("c0ffee"));
        Assert.That(podman.Machine.ReadState(MachineStateFiles.CreationJournal), Is.Null, "the journal goes once the id is recorded");
    }

    [Test]
    public async Task Settings_Reach_The_Command_Line_In_Order()
    {
        // Given
        using var podman = new PodmanMachine(
            p =>
            {
                p.Privileged = true;
                p.Env["B"] = "2";
                p.Env["A"] = "1";
                p.Network = "none";
                p.Cmd = ["/sbin/init"];
                p.ContainerName = "named";
            },
            c => c.Vm.SyncedFolder(".", "/vagrant", disabled: true));
        podman.Host.On("podman create", "abc\n").On("podman container inspect --format {{.State.Status}} abc", "running\n");

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up());

        // Then
        Assert.That(podman.Commands, Has.Some.EqualTo(
            $"podman create --name named --label vnet.project={podman.Machine.ProjectDirectory} --label vnet.machine=web --privileged " +
            "--env A=1 --env B=2 --network none localhost/vnet-debian12:latest /sbin/init"));
    }

    [Test]
    public void Failure_After_The_Create_Removes_The_Container_And_Forgets_The_Machine()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Host.On("podman create", "c0ffee\n").On("podman start", exit: 125, stderr: "Error: OCI runtime error");

        // When
        var error = Assert.ThrowsAsync<PodmanException>(() => new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up()));

        // Then
        Assert.That(error!.Message, Does.Contain("`podman start c0ffee` failed (exit 125): Error: OCI runtime error"));
        Assert.That(podman.Commands, Has.Some.EqualTo("podman rm --force --ignore --volumes c0ffee"));
        Assert.That(podman.Machine.Id, Is.Null);
        Assert.That(Directory.Exists(podman.Machine.DataDirectory) ? Directory.GetFiles(podman.Machine.DataDirectory) : [], Is.Empty);
    }

    [Test]
    public void Failure_With_No_Destroy_On_Error_Keeps_The_Container()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Host.On("podman create", "c0ffee\n").On("podman start", exit: 125, stderr: "Error");

        // When
        Assert.ThrowsAsync<PodmanException>(() => new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up(), c => c.Set(CommandOptionKeys.DestroyOnError, false)));

        // Then
        Assert.That(podman.Commands, Has.None.StartsWith("podman rm"));
        Assert.That(podman.Machine.Id, Is.EqualTo("c0ffee"));
    }

    [Test]
    public async Task Missing_Image_Is_Loaded_From_The_Archive_Before_The_Create()
    {
        // Given
        using var podman = new PodmanMachine(p => p.ImageArchive = "image.tar");
        var exists = 0;
        podman.Host.On("podman create", "c0ffee\n").On("podman container inspect --format {{.State.Status}} c0ffee", "running\n")
            .On("podman container inspect --format {{range .Mounts}}", "/vagrant\n")
            .On("podman load", "Loaded image: localhost/vnet-debian12:latest\n");
        podman.Machine.FakeHost.Processes = new FakeProcessRunner((request, token) =>
            request.Arguments is ["image", "exists", ..]
                ? Task.FromResult(new VagrantNet.Sdk.Plugins.ProcessResult(exists++ == 0 ? 1 : 0, string.Empty, string.Empty))
                : podman.Host.Runner.RunAsync(request, token));

        // When
        await new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up());

        // Then
        var commands = podman.Machine.FakeHost.Processes.CommandLines;
        var load = commands.ToList().FindIndex(c => c.StartsWith("podman load", StringComparison.Ordinal));
        Assert.That(commands[load], Is.EqualTo($"podman load --input {Path.Combine(podman.Machine.ProjectDirectory, "image.tar")}"));
        Assert.That(load, Is.LessThan(commands.ToList().FindIndex(c => c.StartsWith("podman create", StringComparison.Ordinal))));
    }

    [Test]
    public void Image_Missing_Without_An_Archive_Says_What_To_Do()
    {
        // Given
        using var podman = new PodmanMachine();
        podman.Host.On("podman image exists", exit: 1);

        // When
        var error = Assert.ThrowsAsync<PodmanException>(() => new RecipeFixture(podman.Machine).RunAsync(PodmanRecipes.Up()));

        // Then
        Assert.That(error!.Message, Is.EqualTo(
            "Machine 'web': the image 'localhost/vnet-debian12:latest' (podman.image) is not in the local podman store. " +
            "Load it (`podman load`, `podman pull`), or set podman.image_archive to an archive vnet loads."));
        Assert.That(podman.Commands, Has.None.StartsWith("podman create"));
    }
}
