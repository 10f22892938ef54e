using Microsoft.Extensions.Time.Testing;
using VagrantNet.Core;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Communication;

[TestFixture]
[NonParallelizable]
public class SshCommunicatorTests : LocalSshFixture
{
    [Test]
    public async Task Execute_StreamsStdoutAndStderrLineByLine_AndReturnsTheExitCode()
    {
        // Given
        var stdout = new List<string>();
        var stderr = new List<string>();

        // When
        var exit = await Machine.Communicator.ExecuteAsync(
            "echo one; echo two >&2; printf 'three\\nfour\\n'; exit 3",
            new ExecuteOptions { OnStdout = stdout.Add, OnStderr = stderr.Add, ErrorOnFailure = false },
            CancellationToken.None);

        // Then
        Assert.That(exit, Is.EqualTo(3));
        Assert.That(stdout, Is.EqualTo(new[] { "one", "three", "four" }));
        Assert.That(stderr, Is.EqualTo(new[] { "two" }));
    }

    [Test]
    public void Execute_ThrowsWithTheExitCodeAndStderr_WhenTheCommandFails()
    {
        // When
        var error = Assert.ThrowsAsync<RemoteCommandException>(() => Machine.Communicator.ExecuteAsync("echo broken >&2; exit 7", null, CancellationToken.None));

        // Then
        Assert.That(error!.ExitCode, Is.EqualTo(7));
        Assert.That(error.Stderr, Does.Contain("broken"));
    }

    [Test]
    public async Task Execute_DoesNotWaitForInput_WhenTheCommandReadsStdin()
    {
        // When
        var exit = await Machine.Communicator.ExecuteAsync("cat; echo done", null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        // Then
        Assert.That(exit, Is.Zero);
    }

    [Test]
    public async Task Sudo_RunsTheCommandAsRoot_AndQuotesItSafely()
    {
        // Given
        var plain = new List<string>();
        var sudo = new List<string>();

        // When
        await Machine.Communicator.ExecuteAsync("id -un; echo \"it's $((1+1))\"", new ExecuteOptions { OnStdout = plain.Add }, CancellationToken.None);
        await Machine.Communicator.ExecuteAsync("id -un; echo \"it's $((1+1))\"", new ExecuteOptions { Sudo = true, OnStdout = sudo.Add }, CancellationToken.None);

        // Then
        Assert.That(plain, Is.EqualTo(new[] { Server.User, "it's 2" }));
        Assert.That(sudo, Is.EqualTo(new[] { "root", "it's 2" }));
    }

    [Test]
    public async Task Test_ReportsWhetherTheCommandSucceeded()
    {
        // When
        var yes = await Machine.Communicator.TestAsync("true", sudo: false, CancellationToken.None);
        var no = await Machine.Communicator.TestAsync("false", sudo: true, CancellationToken.None);

        // Then
        Assert.That((yes, no), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Commands_ShareOneConnection_UntilReset()
    {
        // Given
        var before = Server.AcceptedLogins;

        // When
        for (var i = 0; i < 5; i++)
        {
            await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        }

        var afterFive = Server.AcceptedLogins;
        await Machine.Communicator.ResetAsync();
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then
        Assert.That(afterFive - before, Is.EqualTo(1));
        Assert.That(Server.AcceptedLogins - before, Is.EqualTo(2));
    }

    [Test]
    public async Task ADroppedConnection_IsReopenedByTheNextCommand()
    {
        // Given: the guest side of the connection dies under a running command
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        var before = Server.AcceptedLogins;
        try
        {
            await Machine.Communicator.ExecuteAsync("pkill -KILL -u \"$(id -u)\" -x sshd; sleep 5", new ExecuteOptions { ErrorOnFailure = false }, CancellationToken.None);
        }
        catch (SshConnectionLostException)
        {
            // Expected: the connection went away under the command.
        }

        // When
        var exit = await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then
        Assert.That(exit, Is.Zero);
        Assert.That(Server.AcceptedLogins - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Upload_AndDownload_RoundTripAFile_IntoTheGuestHome()
    {
        // Given
        var local = Path.Combine(Machine.ProjectDirectory, "hello.sh");
        Directory.CreateDirectory(Machine.ProjectDirectory);
        await File.WriteAllTextAsync(local, "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(local, (UnixFileMode)0b111_101_101);

        // When
        await Machine.Communicator.UploadAsync(local, "~/upload-test/hello.sh", CancellationToken.None);
        var output = new List<string>();
        await Machine.Communicator.ExecuteAsync("~/upload-test/hello.sh", new ExecuteOptions { OnStdout = output.Add }, CancellationToken.None);
        var back = Path.Combine(Machine.ProjectDirectory, "back.sh");
        await Machine.Communicator.DownloadAsync("~/upload-test/hello.sh", back, CancellationToken.None);

        // Then
        Assert.That(output, Is.EqualTo(new[] { "hi" }));
        Assert.That(await File.ReadAllTextAsync(back), Is.EqualTo("#!/bin/sh\necho hi\n"));
        Assert.That(File.GetUnixFileMode(Path.Combine(Server.Home, "upload-test", "hello.sh")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
    }

    [Test]
    public async Task Upload_OfADirectory_CopiesItsContentsRecursively_AndDownloadBringsThemBack()
    {
        // Given
        var tree = Path.Combine(Machine.ProjectDirectory, "tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub", "deeper"));
        await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(tree, "sub", "deeper", "b.txt"), "b");

        // When
        await Machine.Communicator.UploadAsync(tree, "~/upload-dir", CancellationToken.None);
        var back = Path.Combine(Machine.ProjectDirectory, "back");
        await Machine.Communicator.DownloadAsync("~/upload-dir", back, CancellationToken.None);

        // Then
        Assert.That(await File.ReadAllTextAsync(Path.Combine(Server.Home, "upload-dir", "sub", "deeper", "b.txt")), Is.EqualTo("b"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(back, "a.txt")), Is.EqualTo("a"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(back, "sub", "deeper", "b.txt")), Is.EqualTo("b"));
    }

    [Test]
    public async Task HostKey_IsPinnedOnFirstContact_AndADifferentKeyLaterFailsNamingTheMachine()
    {
        // Given
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        var knownHosts = Path.Combine(Machine.DataDirectory, "known_hosts");
        var pinned = await File.ReadAllTextAsync(knownHosts);
        await Machine.Communicator.ResetAsync();

        // When
        Server.RestartWithNewHostKey();
        var error = Assert.ThrowsAsync<VnetException>(() => Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None));

        // Then
        Assert.That(pinned, Does.StartWith($"[127.0.0.1]:{Server.Port} ssh-ed25519 "));
        Assert.That(error!.Message, Does.Contain("machine 'default'").And.Contain("changed"));
    }

    [Test]
    public async Task HostKey_IsPinnedAnew_WhenTheKnownHostsFileWasRemoved()
    {
        // Given
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        await Machine.Communicator.ResetAsync();
        Server.RestartWithNewHostKey();
        File.Delete(Path.Combine(Machine.DataDirectory, "known_hosts"));

        // When
        var exit = await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then
        Assert.That(exit, Is.Zero);
    }

    [Test]
    public void WrongKey_FailsAtOnce_WithAClearAuthenticationMessage()
    {
        // Given
        var stranger = Server.GenerateKey("stranger", "ed25519");
        Machine.BaseSshInfo = Server.Info(null, stranger);

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => Machine.Communicator.WaitForReadyAsync(TimeSpan.FromMinutes(1), CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("SSH authentication failed for machine 'default'").And.Contain(stranger));
    }

    [Test]
    public async Task Password_LogsIn_WhenNoKeyIsGiven()
    {
        // Given
        Machine.Config.Ssh.InsertKey = false;
        Machine.BaseSshInfo = Server.Info() with { PrivateKeyPaths = [], Password = LocalSshServer.Password };

        // When
        var ok = await Machine.Communicator.TestAsync("true", sudo: false, CancellationToken.None);

        // Then
        Assert.That(ok, Is.True);
    }

    [TestCase("rsa")]
    [TestCase("ecdsa")]
    [TestCase("ed25519")]
    public async Task PrivateKeys_OfEachCommonType_LogIn(string type)
    {
        // Given
        var key = Server.GenerateKey($"client_{type}", type);
        Server.Authorize(Server.PublicKey(key));
        Machine.BaseSshInfo = Server.Info(null, key);

        // When
        var ok = await Machine.Communicator.TestAsync("true", sudo: false, CancellationToken.None);

        // Then
        Assert.That(ok, Is.True);
    }

    [Test]
    public async Task WaitForReady_RetriesOnTheInjectedClock_UntilTheGuestAnswers()
    {
        // Given: nothing listens yet (the machine has no address, then a closed port)
        var time = new FakeTimeProvider();
        var communicator = new SshCommunicator(Machine, time);
        Machine.Communicator = communicator;
        Machine.BaseSshInfo = null;
        var wait = communicator.WaitForReadyAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        // When
        for (var i = 0; i < 3 && !wait.IsCompleted; i++)
        {
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        var stillWaiting = !wait.IsCompleted;
        Machine.BaseSshInfo = Server.Info();
        for (var i = 0; i < 200 && !wait.IsCompleted; i++)
        {
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        // Then
        Assert.That(stillWaiting, Is.True);
        await wait;
        Assert.That(communicator.ConnectionsOpened, Is.EqualTo(1));
    }

    [Test]
    public async Task WaitForReady_TimesOutOnTheInjectedClock_WithTheLastError()
    {
        // Given
        var time = new FakeTimeProvider();
        var communicator = new SshCommunicator(Machine, time);
        Machine.BaseSshInfo = null;
        var wait = communicator.WaitForReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        // When
        for (var i = 0; i < 200 && !wait.IsCompleted; i++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        // Then
        var error = Assert.ThrowsAsync<VnetException>(() => wait);
        Assert.That(error!.Message, Does.Contain("did not answer SSH within 30 seconds").And.Contain("no SSH address yet"));
    }

    [Test]
    public async Task Ready_IsFalse_WhileNothingListens()
    {
        // Given
        Machine.BaseSshInfo = Server.Info() with { Port = 1 };

        // When
        var ready = await Machine.Communicator.ReadyAsync(CancellationToken.None);

        // Then
        Assert.That(ready, Is.False);
    }
}
