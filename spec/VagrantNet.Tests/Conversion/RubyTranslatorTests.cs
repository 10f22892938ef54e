using VagrantNet.Core.Conversion;

namespace VagrantNet.Tests.Conversion;

/// <summary>One construct each, with the exact C# it becomes inside <c>Vagrant.Configure(config =&gt; { ... })</c>.</summary>
public class RubyTranslatorTests
{
    /// <summary>The converted statements of a snippet placed in a configure block, unindented, one per line.</summary>
    private static string Inside(string ruby)
    {
        var result = VagrantfileConverter.Convert("Vagrant.configure(\"2\") do |config|\n" + ruby + "\nend\n");
        var lines = result.Script.Split('\n').SkipWhile(l => !l.StartsWith("Vagrant.Configure", StringComparison.Ordinal)).Skip(2).ToList();
        var body = lines.Take(lines.FindLastIndex(l => l == "});")).Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l);
        return string.Join("\n", body);
    }

    [TestCase("config.vm.box = 'b'", "config.Vm.Box = \"b\";")]
    [TestCase("config.vm.box_url = 'http://x/b.json'", "config.Vm.BoxUrl = [\"http://x/b.json\"];")]
    [TestCase("config.ssh.insert_key = false", "config.Ssh.InsertKey = false;")]
    [TestCase("config.vm.guest = :linux", "config.Vm.Guest = \"linux\";")]
    public void Settings_AreTheSdkPropertiesOfTheSameName(string ruby, string cs) =>
        Assert.That(Inside(ruby), Is.EqualTo(cs));

    [Test]
    public void AnUnknownSetting_IsKeptAsAMarkedCommentAndWarnedAtItsPosition()
    {
        var result = VagrantfileConverter.Convert("Vagrant.configure(\"2\") do |config|\n  config.vm.usable_port_range = 2200..2250\nend\n");
        Assert.That(result.Script, Does.Contain("// vnet: not converted: the setting 'config.vm.usable_port_range' (vnet has no such setting)\n    //   config.vm.usable_port_range = 2200..2250"));
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "Vagrantfile(2,3): warning: the setting 'config.vm.usable_port_range' (vnet has no such setting) (kept as a comment)" }));
    }

    [Test]
    public void ARangeLoop_IsAForeachOverEnumerableRange_SoEachMachineKeepsItsNumber() =>
        Assert.That(
            Inside("(1..3).each do |i|\n  config.vm.define \"n#{i}\"\nend"),
            Is.EqualTo("foreach (var i in Enumerable.Range(1, 3))\n{\n    config.Vm.Define($\"n{i}\");\n}"));

    [Test]
    public void TimesAndAnExclusiveRange_CountFromZero() =>
        Assert.That(
            Inside("2.times { |i| config.vm.define \"a#{i}\" }\n(0...2).each { |j| config.vm.define \"b#{j}\" }"),
            Is.EqualTo("foreach (var i in Enumerable.Range(0, 2))\n{\n    config.Vm.Define($\"a{i}\");\n}\nforeach (var j in Enumerable.Range(0, 2))\n{\n    config.Vm.Define($\"b{j}\");\n}"));

    [Test]
    public void ADefineWithOptionsAndABlock_PassesTheOptionsAfterTheLambda() =>
        Assert.That(
            Inside("config.vm.define :db, primary: true, autostart: false do |db|\n  db.vm.hostname = 'db'\nend"),
            Is.EqualTo("config.Vm.Define(\"db\", db =>\n{\n    db.Vm.Hostname = \"db\";\n}, primary: true, autostart: false);"));

    [Test]
    public void AProviderBlockWithOverride_TakesBothParameters_OverrideEscaped() =>
        Assert.That(
            Inside("config.vm.provider :libvirt do |lv, override|\n  lv.memory = 512\n  override.vm.box = 'x'\nend"),
            Is.EqualTo("config.Vm.Provider(\"libvirt\", (lv, @override) =>\n{\n    lv[\"memory\"] = 512;\n    @override.Vm.Box = \"x\";\n});"));

    [Test]
    public void NetworkOptionsVnetHasNoParameterFor_GoToTheProviderScopedOptions() =>
        Assert.That(
            Inside("config.vm.network :private_network, ip: '10.0.0.2', libvirt__mtu: 9000"),
            Is.EqualTo("config.Vm.Network.PrivateNetwork(ip: \"10.0.0.2\", options: new Dictionary<string, object?> { [\"libvirt__mtu\"] = 9000 });"));

    [Test]
    public void ASquigglyHeredoc_IsARawStringLiteral_WithItsInterpolationInDoubledBraces_AndItsFinalNewline() =>
        Assert.That(
            Inside("name = 'web'\nconfig.vm.provision 'shell', inline: <<~SH\n  echo #{name} ${HOME}\nSH"),
            Is.EqualTo("var name = \"web\";\nconfig.Vm.Provision.Shell(inline: $$\"\"\"\necho {{name}} ${HOME}\n\n\"\"\");"));

    [Test]
    public void EnvWithADefault_IsTheVariableOrTheDefault() =>
        Assert.That(
            Inside("config.vm.box = ENV['BOX'] || ENV.fetch('FALLBACK', 'debian')"),
            Is.EqualTo("config.Vm.Box = (Environment.GetEnvironmentVariable(\"BOX\") ?? (Environment.GetEnvironmentVariable(\"FALLBACK\") ?? \"debian\"));"));

    [Test]
    public void AModifierUnless_IsAnIfWithTheNegatedCondition() =>
        Assert.That(
            Inside("config.vm.hostname = 'h' unless ENV['X'].nil?"),
            Is.EqualTo("if (Environment.GetEnvironmentVariable(\"X\") is not null)\n{\n    config.Vm.Hostname = \"h\";\n}"));

    [Test]
    public void AShellProvisionerBlock_BecomesTheNamedArgumentsOfShell() =>
        Assert.That(
            Inside("config.vm.provision 'shell' do |s|\n  s.path = 'a.sh'\n  s.args = ['x', 'y']\n  s.privileged = false\nend"),
            Is.EqualTo("config.Vm.Provision.Shell(path: \"a.sh\", args: (ShellArgs)new[] { \"x\", \"y\" }, privileged: false);"));

    [Test]
    public void ATriggerRun_IsATriggerRunObject_AndOnErrorItsEnum() =>
        Assert.That(
            Inside("config.trigger.after :up do |t|\n  t.run = { inline: 'echo hi' }\n  t.on_error = :continue\nend"),
            Is.EqualTo("config.Trigger.After(\"up\", t =>\n{\n    t.Run = new TriggerRun { Inline = \"echo hi\" };\n    t.OnError = TriggerOnError.Continue;\n});"));

    [Test]
    public void YamlLoadFile_ReadsTheSameFileWithYamlData_RelativeToTheScript() =>
        Assert.That(
            VagrantfileConverter.Convert("require 'yaml'\nservers = YAML.load_file(File.join(__dir__, 'servers.yml'))\n").Script,
            Does.EndWith("// require 'yaml': not needed in C#.\nvar servers = YamlData.Load(\"servers.yml\");\n"));

    [Test]
    public void YamlValues_AreCastWhereASettingWantsThem_AndWalkAsListsOrPairs() =>
        Assert.That(
            Inside("YAML.load_file('m.yml').each do |name, m|\n  config.vm.define name do |n|\n    n.vm.hostname = m['host']\n    n.vm.network :private_network, ip: m['ip'], libvirt__mtu: m['mtu']\n  end\nend"),
            Is.EqualTo("foreach (var (name, m) in YamlData.Load(\"m.yml\").Pairs)\n{\n    config.Vm.Define(name, n =>\n    {\n        n.Vm.Hostname = (string)m[\"host\"];\n        n.Vm.Network.PrivateNetwork(ip: (string)m[\"ip\"], options: new Dictionary<string, object?> { [\"libvirt__mtu\"] = m[\"mtu\"].Value });\n    });\n}"));

    [TestCase("s['memory'] || 512", "((int?)s[\"memory\"] ?? 512)")]
    [TestCase("s['box'] || 'x'", "(s[\"box\"].Text ?? \"x\")")]
    [TestCase("s.fetch('cpus', 2)", "((int?)s[\"cpus\"] ?? 2)")]
    [TestCase("s['name'] == 'web'", "s[\"name\"].Text == \"web\"")]
    [TestCase("s.key?('gui')", "s.Has(\"gui\")")]
    [TestCase("s[0]", "s[0]")]
    public void YamlExpressions_UseTheNodesCastsAndDefaults(string ruby, string cs) =>
        Assert.That(
            VagrantfileConverter.Convert($"s = YAML.load_file('a.yml')\nx = {ruby}\n").Script,
            Does.EndWith($"var s = YamlData.Load(\"a.yml\");\nvar x = {cs};\n"));

    [Test]
    public void AYamlValueAsACondition_IsRubysTruth() =>
        Assert.That(
            VagrantfileConverter.Convert("s = YAML.load_file('a.yml')\nputs 'gui' if s['gui']\n").Script,
            Does.EndWith("if (s[\"gui\"].Truthy)\n{\n    Console.WriteLine(\"gui\");\n}\n"));

    [Test]
    public void VagrantPackagesIncludeLines_BecomeOneCommentAndNothing() =>
        Assert.That(
            VagrantfileConverter.Convert("include_vagrantfile = File.expand_path(\"../include/_Vagrantfile\", __FILE__)\nload include_vagrantfile if File.exist?(include_vagrantfile)\n").Script,
            Does.EndWith("\n// include_vagrantfile (../include/_Vagrantfile) and its load: vnet merges the Vagrantfile.csx packaged with a box itself.\n"));

    [Test]
    public void AProviderSettingTheInstalledProviderLacks_IsAMarkedCommentAndAWarning()
    {
        var options = new ConversionOptions { KnownProviderSetting = (provider, setting) => setting == "memory" };
        var result = VagrantfileConverter.Convert("Vagrant.configure(\"2\") do |config|\n  config.vm.provider :libvirt do |lv|\n    lv.memory = 512\n    lv.nic_adapter_count = 8\n  end\nend\n", options: options);
        Assert.That(result.Script, Does.Contain("        lv[\"memory\"] = 512;\n        // vnet: not converted: the libvirt provider setting 'nic_adapter_count' (vnet's libvirt provider has no such setting)\n        //   lv.nic_adapter_count = 8\n"));
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "Vagrantfile(4,5): warning: the libvirt provider setting 'nic_adapter_count' (vnet's libvirt provider has no such setting) (kept as a comment)" }));
    }

    [TestCase("i.zero?", "i == 0")]
    [TestCase("i.even?", "i % 2 == 0")]
    [TestCase("i.odd?", "i % 2 != 0")]
    public void IntegerPredicates_AreComparisons(string ruby, string cs) =>
        Assert.That(VagrantfileConverter.Convert($"i = 1\nx = {ruby}\n").Script, Does.EndWith($"var i = 1;\nvar x = {cs};\n"));
}
