using VagrantNet.Core.SyncedFolders;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Rsync;

[TestFixture]
[NonParallelizable]
public class RsyncSyncedFolderTests
{
    private LocalSshServer _server = null!;
    private TestMachine _machine = null!;

    /// <summary>The synced folder's guest side: in the test user's home, so concurrent runs never meet.</summary>
    private string Guest => _server.Home + "/rsync-guest";

    [OneTimeSetUp]
    public void StartServer()
    {
        if (!File.Exists("/usr/bin/rsync"))
        {
            Assert.Ignore("rsync tests need rsync (apt-get install rsync).");
        }

        _server = LocalSshServer.Start();
    }

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [SetUp]
    public void NewMachine()
    {
        _server.Authorize(_server.PublicKey(_server.ClientKey));
        _machine = new TestMachine(c =>
        {
            c.Vm.SyncedFolder(".", "/vagrant", disabled: true);
            c.Vm.SyncedFolder(".", Guest, exclude: ["*.log", "build/"]);
        })
        { BaseSshInfo = _server.Info() };
        Directory.CreateDirectory(_machine.ProjectDirectory);
        if (Directory.Exists(Guest))
        {
            Directory.Delete(Guest, recursive: true);
        }
    }

    [TearDown]
    public void DisposeMachine()
    {
        _machine.Dispose();
        if (Directory.Exists(Guest))
        {
            Directory.Delete(Guest, recursive: true);
        }
    }

    [Test]
    public async Task Up_SyncsTheProject_WithExcludes_AndTheStateDirectoryLeftOut_OwnedByTheSshUser()
    {
        // Given
        Write("app/main.c", "int main;");
        Write("debug.log", "noise");
        Write("build/out.o", "binary");

        // When
        await UpAsync();

        // Then
        Assert.That(File.ReadAllText(Path.Combine(Guest, "app", "main.c")), Is.EqualTo("int main;"));
        Assert.That(File.Exists(Path.Combine(Guest, "debug.log")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(Guest, "build")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(Guest, ".vnet")), Is.False);
        Assert.That(Owner(Path.Combine(Guest, "app", "main.c")), Is.EqualTo(_server.User));
        Assert.That(_machine.RecordingUi.Lines, Has.Some.Contains($"Rsyncing folder: {_machine.ProjectDirectory}/ => {Guest}"));
    }

    [Test]
    public async Task ASecondSync_CarriesHostChanges_IncludingDeletions()
    {
        // Given
        Write("a.txt", "one");
        Write("gone.txt", "bye");
        await UpAsync();

        // When: a change rsync's size-and-mtime check cannot miss, even within the same second
        Write("a.txt", "two, longer");
        File.Delete(Path.Combine(_machine.ProjectDirectory, "gone.txt"));
        var rsync = SyncedFolderPlan.For(_machine).Single();
        await rsync.Implementation.EnableAsync(_machine, rsync.Folders, CancellationToken.None);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(Guest, "a.txt")), Is.EqualTo("two, longer"));
        Assert.That(File.Exists(Path.Combine(Guest, "gone.txt")), Is.False);
    }

    [Test]
    public async Task RsyncAuto_SyncsAtStart_AndAgainAfterAHostChange()
    {
        // Given
        Write("watched.txt", "before");
        var folders = SyncedFolderPlan.For(_machine).Single().Folders;
        var auto = new RsyncAuto(_machine, folders) { Debounce = TimeSpan.FromMilliseconds(200) };
        var syncs = 0;
        auto.Synced += _ => Interlocked.Increment(ref syncs);
        using var stop = new CancellationTokenSource();
        var run = auto.RunAsync(stop.Token);
        await WaitFor(() => syncs >= 1);
        var first = File.ReadAllText(Path.Combine(Guest, "watched.txt"));

        // When
        Write("watched.txt", "after");
        await WaitFor(() => syncs >= 2);
        await stop.CancelAsync();

        // Then
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(first, Is.EqualTo("before"));
        Assert.That(File.ReadAllText(Path.Combine(Guest, "watched.txt")), Is.EqualTo("after"));
    }

    [Test]
    public void Rsync_IsTheDefaultType_ForTheProjectFolder()
    {
        // Given
        using var machine = new TestMachine();

        // When
        var plan = SyncedFolderPlan.For(machine);

        // Then
        Assert.That(plan.Select(g => g.Type.Type), Is.EqualTo(new[] { "rsync" }));
        Assert.That(plan.Single().Folders.Single().GuestPath, Is.EqualTo("/vagrant"));
    }

    [Test]
    public void Arguments_AreVagrantsDefaults_WithSshBuiltFromTheMachine()
    {
        // Given
        var folder = SyncedFolderPlan.For(_machine).Single().Folders.Single();
        var info = _server.Info("/state/known_hosts");

        // When
        var arguments = RsyncHelper.Arguments(folder, info);

        // Then
        Assert.That(arguments.Take(5), Is.EqualTo(new[] { "--verbose", "--archive", "--delete", "-z", "--copy-links" }));
        var ssh = arguments[arguments.ToList().IndexOf("-e") + 1];
        Assert.That(ssh, Does.Contain($"-p {_server.Port}").And.Contain("StrictHostKeyChecking=yes").And.Contain("UserKnownHostsFile=/state/known_hosts").And.Contain($"-i {_server.ClientKey}"));
        Assert.That(arguments, Does.Contain("sudo rsync"));
        Assert.That(arguments.TakeLast(2), Is.EqualTo(new[] { _machine.ProjectDirectory + "/", $"{_server.User}@127.0.0.1:{Guest}" }));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private async Task UpAsync() =>
        await new ActionBuilder().Use(new SyncedFolders()).Build().RunAsync(new ActionContext(_machine, CancellationToken.None));

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_machine.ProjectDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string Owner(string path)
    {
        var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }
}
