namespace VagrantNet.Tests.Support;

/// <summary>
/// Base of the fixtures that talk to a real sshd on loopback: one server per fixture, and a fresh machine
/// (with its project directory) per test, authorized with the client key.
/// </summary>
public abstract class LocalSshFixture
{
    private protected LocalSshServer Server { get; private set; } = null!;

    private protected TestMachine Machine { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer() => Server = LocalSshServer.Start();

    [OneTimeTearDown]
    public void StopServer() => Server?.Dispose();

    [SetUp]
    public void NewMachine()
    {
        Server.Authorize(Server.PublicKey(Server.ClientKey));
        Machine = new TestMachine { BaseSshInfo = Server.Info() };
        Directory.CreateDirectory(Machine.ProjectDirectory);
    }

    [TearDown]
    public void DisposeMachine() => Machine.Dispose();
}
