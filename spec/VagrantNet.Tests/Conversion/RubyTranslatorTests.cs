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
    public void ASquigglyHeredoc_IsARawStringLiteral_WithItsInterpolationInDoubledBraces() =>
        Assert.That(
            Inside("name = 'web'\nconfig.vm.provision 'shell', inline: <<~SH\n  echo #{name} ${HOME}\nSH"),
            Is.EqualTo("var name = \"web\";\nconfig.Vm.Provision.Shell(inline: $$\"\"\"\necho {{name}} ${HOME}\n\"\"\");"));

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
}
