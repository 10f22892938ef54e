using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Data;

namespace VagrantNet.Tests.Data;

/// <summary>The YAML reader converted Vagrantfiles call: typed reads, Ruby's nil for a missing key, errors naming file and key.</summary>
public class YamlDataTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("vnet-yaml-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private YamlNode Load(string yaml)
    {
        File.WriteAllText(Path.Combine(_directory, "machines.yml"), yaml);
        return YamlData.Load("machines.yml", Path.Combine(_directory, "Vagrantfile.csx"));
    }

    [Test]
    public void AListOfMappings_ReadsAsTypedValues()
    {
        var servers = Load("- name: web\n  memory: 2048\n  gui: yes\n- name: db\n");
        Assert.That(servers.Select(s => (string)s["name"]), Is.EqualTo(new[] { "web", "db" }));
        Assert.That((int)servers[0]["memory"], Is.EqualTo(2048));
        Assert.That((bool)servers[0]["gui"], Is.True);
        Assert.That((int?)servers[1]["memory"], Is.Null);
        Assert.That(servers[-1]["name"].ToString(), Is.EqualTo("db"));
        Assert.That(servers[0]["memory"].Value, Is.EqualTo(2048));
    }

    [Test]
    public void AMapping_WalksAsPairsInTheFilesOrder()
    {
        var machines = Load("b: {ip: 10.0.0.2}\na: {ip: 10.0.0.1}\n");
        Assert.That(machines.Pairs.Select(p => $"{p.Key}={p.Value["ip"]}"), Is.EqualTo(new[] { "b=10.0.0.2", "a=10.0.0.1" }));
        Assert.That(machines.Has("a") && !machines.Has("c"), Is.True);
    }

    [Test]
    public void AMissingKeyReadAsText_FailsNamingTheFileAndTheKey()
    {
        var servers = Load("- name: web\n");
        var e = Assert.Throws<ConfigurationException>(() => _ = (string)servers[0]["ip"]);
        Assert.That(e!.Message, Is.EqualTo("machines.yml: [0].ip is missing, not text."));
    }

    [Test]
    public void AValueOfTheWrongKind_FailsWithItsPosition()
    {
        var servers = Load("- name: web\n  memory: lots\n");
        var e = Assert.Throws<ConfigurationException>(() => _ = (int)servers[0]["memory"]);
        Assert.That(e!.Message, Is.EqualTo("machines.yml(2,11): [0].memory is 'lots', not a whole number."));
    }

    [Test]
    public void AMissingFile_IsNamed()
    {
        var e = Assert.Throws<ConfigurationException>(() => YamlData.Load("none.yml", Path.Combine(_directory, "Vagrantfile.csx")));
        Assert.That(e!.Message, Does.StartWith("The YAML file 'none.yml' does not exist"));
    }
}
