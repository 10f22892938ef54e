using System.Buffers.Binary;
using System.Text;
using VagrantNet.Core.Communication;

namespace VagrantNet.Tests.Communication;

[TestFixture]
public class HostKeyPinTests
{
    private string _directory = null!;

    [SetUp]
    public void Temp() => _directory = Directory.CreateTempSubdirectory("vnet-pin-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void FirstKey_IsWrittenInOpenSshFormat()
    {
        // Given
        var file = Path.Combine(_directory, "known_hosts");
        var pin = new HostKeyPin(file, "web");

        // When
        var verdict = pin.Check("10.0.0.5", 22, Key("ssh-ed25519", 1));

        // Then
        Assert.That(verdict, Is.Null);
        Assert.That(File.ReadAllText(file), Is.EqualTo($"10.0.0.5 ssh-ed25519 {Convert.ToBase64String(Key("ssh-ed25519", 1))}\n"));
    }

    [Test]
    public void ThePinnedKey_SeenAtANewAddress_IsAccepted_AndThatAddressIsAdded()
    {
        // Given
        var file = Path.Combine(_directory, "known_hosts");
        var pin = new HostKeyPin(file, "web");
        pin.Check("10.0.0.5", 22, Key("ssh-ed25519", 1));

        // When
        var verdict = pin.Check("10.0.0.9", 2222, Key("ssh-ed25519", 1));

        // Then
        Assert.That(verdict, Is.Null);
        Assert.That(File.ReadAllLines(file).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "10.0.0.5", "[10.0.0.9]:2222" }));
    }

    [Test]
    public void ADifferentKey_IsRefused_NamingTheMachineAndTheFile()
    {
        // Given
        var file = Path.Combine(_directory, "known_hosts");
        var pin = new HostKeyPin(file, "web");
        pin.Check("10.0.0.5", 22, Key("ssh-ed25519", 1));

        // When
        var verdict = pin.Check("10.0.0.5", 22, Key("ssh-ed25519", 2));

        // Then
        Assert.That(verdict, Does.Contain("machine 'web'").And.Contain(file).And.Contain("SHA256:"));
    }

    [Test]
    public void WithoutAFile_AnyKeyIsAccepted()
    {
        // When / Then
        Assert.That(new HostKeyPin(null, "web").Check("h", 22, Key("ssh-rsa", 3)), Is.Null);
    }

    private static byte[] Key(string type, byte fill)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var key = new byte[4 + name.Length + 36];
        BinaryPrimitives.WriteInt32BigEndian(key, name.Length);
        name.CopyTo(key, 4);
        key.AsSpan(4 + name.Length).Fill(fill);
        return key;
    }
}
