using VagrantNet.Core;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Communication;

[TestFixture]
[NonParallelizable]
public class KeyInsertionTests
{
    private LocalSshServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = LocalSshServer.Start();

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [Test]
    public async Task FirstConnection_WithTheInsecureKey_ReplacesItWithAPrivateKeyOfTheMachine()
    {
        // Given: the guest authorizes the "insecure" key and another key of the user's
        var insecure = _server.GenerateKey("insecure", "rsa");
        var other = _server.GenerateKey("other", "ed25519");
        _server.Authorize(_server.PublicKey(insecure) + " vagrant insecure public key", _server.PublicKey(other));
        using var machine = new TestMachine { BaseSshInfo = _server.Info(null, insecure) };
        machine.TestHost.InsecureKeys.Add(insecure);

        // When
        var whoami = new List<string>();
        await machine.Communicator.ExecuteAsync("whoami", new Sdk.Plugins.ExecuteOptions { OnStdout = whoami.Add }, CancellationToken.None);

        // Then: a 0600 private_key, its public half authorized, the insecure key gone, the other kept
        var privateKey = Path.Combine(machine.DataDirectory, "private_key");
        Assert.That(File.Exists(privateKey), Is.True);
        Assert.That(File.GetUnixFileMode(privateKey), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var authorized = _server.AuthorizedKeys;
        Assert.That(authorized, Does.Not.Contain(_server.PublicKey(insecure).Split(' ')[1]));
        Assert.That(authorized, Does.Contain(_server.PublicKey(other)));
        Assert.That(authorized, Does.Contain("ssh-ed25519 "));
        Assert.That(whoami, Is.EqualTo(new[] { _server.User }));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Inserting the new public key"));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Removing the insecure key"));

        // And the insecure key no longer logs in
        using var stale = new TestMachine { BaseSshInfo = _server.Info(null, insecure) };
        stale.Config.Ssh.InsertKey = false;
        Assert.ThrowsAsync<VnetException>(() => stale.Communicator.ExecuteAsync("true", null, CancellationToken.None));
    }

    [Test]
    public async Task InsertKeyFalse_KeepsTheInsecureKey()
    {
        // Given
        var insecure = _server.GenerateKey("insecure", "rsa");
        _server.Authorize(_server.PublicKey(insecure));
        using var machine = new TestMachine(c => c.Ssh.InsertKey = false) { BaseSshInfo = _server.Info(null, insecure) };
        machine.TestHost.InsecureKeys.Add(insecure);

        // When
        await machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then
        Assert.That(File.Exists(Path.Combine(machine.DataDirectory, "private_key")), Is.False);
        Assert.That(_server.AuthorizedKeys, Does.Contain(_server.PublicKey(insecure).Split(' ')[1]));
    }

    [Test]
    public async Task AKeyThatIsNotInsecure_IsNeverReplaced()
    {
        // Given
        _server.Authorize(_server.PublicKey(_server.ClientKey));
        using var machine = new TestMachine { BaseSshInfo = _server.Info() };

        // When
        await machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then
        Assert.That(File.Exists(Path.Combine(machine.DataDirectory, "private_key")), Is.False);
    }
}
