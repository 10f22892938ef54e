using VagrantNet.Core.Communication;

namespace VagrantNet.Tests.Communication;

[TestFixture]
public class InsecureKeyTests
{
    private string _directory = null!;

    [SetUp]
    public void Temp() => _directory = Directory.CreateTempSubdirectory("vnet-insecure-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Lookup_GoesEnvironmentThenVnetHomeThenThePackagedKeys_SkippingMissingOnes()
    {
        // Given
        var fromEnvironment = Write("env_key");
        var home = Path.Combine(_directory, "home");
        var inHome = Write("home/insecure_private_key");
        var packaged = Write("gems/vagrant-2.3.4/keys/vagrant");
        File.SetUnixFileMode(packaged, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // When
        var keys = InsecureKey.Find(home, name => name == "VNET_INSECURE_KEY" ? $"{fromEnvironment}:{Path.Combine(_directory, "missing")}" : null, Path.Combine(_directory, "gems"));

        // Then
        Assert.That(keys, Is.EqualTo(new[] { fromEnvironment, inHome, packaged }));
    }

    [Test]
    public void APackagedKeyOthersCanRead_IsUsedThroughAPrivateCopy()
    {
        // Given: packages install their keys 0644, which OpenSSH refuses
        var home = Path.Combine(_directory, "home");
        var packaged = Write("gems/vagrant-2.3.4/keys/vagrant");
        File.SetUnixFileMode(packaged, (UnixFileMode)0b110_100_100);

        // When
        var keys = InsecureKey.Find(home, _ => null, Path.Combine(_directory, "gems"));

        // Then
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0], Does.StartWith(Path.Combine(home, "insecure_private_keys")));
        Assert.That(File.ReadAllText(keys[0]), Is.EqualTo(File.ReadAllText(packaged)));
        Assert.That(File.GetUnixFileMode(keys[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private string Write(string relative)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + relative + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
