using System.Text.Json.Nodes;

namespace VagrantNet.Tests.Conversion.Differential;

/// <summary>The comparison itself, on small hand-written dumps: what it reports, and what it knows to leave alone.</summary>
[TestFixture]
public class ConfigDifferencesTests
{
    private const string Ruby = "config.vm.provider :libvirt do |l| l.memory = 2048 end";

    private static JsonObject Vagrant(string hostname = "web", int memory = 2048, string cpuMode = "host-model") => JsonNode.Parse($$"""
        { "machines": [ { "name": "default",
          "vm": { "box": "b", "hostname": "{{hostname}}", "boot_timeout": 300, "graceful_halt_timeout": 60, "communicator": null, "post_up_message": "",
                  "networks": [ { "kind": "forwarded_port", "options": { "guest": 22, "host": 2222, "id": "ssh" } },
                                { "kind": "private_network", "options": { "ip": "10.0.0.2", "id": "1b2c" } } ],
                  "synced_folders": [ { "id": "/vagrant", "options": { "guestpath": "/vagrant", "hostpath": ".", "disabled": false } } ],
                  "provisioners": [] },
          "ssh": { "username": null, "insert_key": true, "default": { "username": "vagrant" } },
          "trigger": { "before_triggers": [], "after_triggers": [] },
          "provider_settings": { "memory": {{memory}}, "cpu_mode": "{{cpuMode}}" },
          "provider_defaults": { "memory": 512, "cpu_mode": "host-model" } } ] }
        """)!.AsObject();

    private static JsonObject Vnet(string hostname = "web", int memory = 2048) => JsonNode.Parse($$"""
        { "machines": [ { "name": "default",
          "vm": { "box": "b", "hostname": "{{hostname}}", "boot_timeout": 300, "graceful_halt_timeout": 60, "communicator": "ssh", "post_up_message": null,
                  "networks": [ { "kind": "private", "ip": "10.0.0.2", "auto_config": true } ],
                  "synced_folders": [ { "id": "vagrant-root", "host_path": ".", "guest_path": "/vagrant", "disabled": false } ],
                  "provisioners": [] },
          "ssh": { "username": "vagrant", "insert_key": true },
          "trigger": { "before_triggers": [], "after_triggers": [] },
          "provider_settings": { "memory": {{memory}}, "cpu_mode": null } } ] }
        """)!.AsObject();

    [Test]
    public void Between_SameSettings_FindsNothing_ThoughVagrantAddsTheSshForwardAndLeavesDefaultsNil() =>
        Assert.That(ConfigDifferences.Between(Vagrant(), Vnet(), Ruby), Is.Empty);

    [Test]
    public void Between_AnotherHostname_NamesTheMachineTheSettingAndBothValues() =>
        Assert.That(ConfigDifferences.Between(Vagrant(hostname: "web"), Vnet(hostname: "db"), Ruby),
            Is.EqualTo(new[] { "default: vm.hostname: vagrant \"web\", vnet \"db\"" }));

    [Test]
    public void Between_AProviderSettingTheFileSets_IsCompared() =>
        Assert.That(ConfigDifferences.Between(Vagrant(memory: 2048), Vnet(memory: 1024), Ruby),
            Is.EqualTo(new[] { "default: provider_settings.memory: vagrant 2048, vnet 1024" }));

    [Test]
    public void Between_AProviderSettingTheFileNeverNames_IsLeftToEachToolsDefault() =>
        Assert.That(ConfigDifferences.Between(Vagrant(cpuMode: "custom"), Vnet(), Ruby), Is.Empty);

    [Test]
    public void Between_AFileVagrantRefuses_SaysSoWithVagrantsMessage() =>
        Assert.That(ConfigDifferences.Between(JsonNode.Parse("""{ "error": "VagrantfileLoadError: There was an error\nPath: x\nMessage: NameError: boom" }""")!.AsObject(), Vnet(), Ruby),
            Is.EqualTo(new[] { "vagrant refuses the file: Message: NameError: boom" }));
}
