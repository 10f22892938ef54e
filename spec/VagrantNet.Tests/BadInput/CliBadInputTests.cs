using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.BadInput;

/// <summary>
/// The CLI's bad-input corpus: command lines, project state and VNET_HOME a user can get wrong. Each is refused
/// with exit 1 and a message naming what is wrong, no trace and no raw control characters, and changes nothing
/// in the project (VNET_HOME only gains the compiled-script cache).
/// </summary>
[TestFixture]
[NonParallelizable]
public class CliBadInputTests
{
    private const string OneMachine = """Vagrant.Configure(config => config.Vm.Box = "test/box");""";

    private const string IdFile = ".vnet/machines/default/recording/id";

    private const string Index = "data/machine-index/index";

    private ProjectFixture _project = null!;

    /// <summary>One bad input: how to set it up, the command line, and what the refusal must name.</summary>
    public sealed class Case
    {
        internal Case(string name, string[] args, string[] names, Action<ProjectFixture>? arrange = null, Func<ProjectFixture, string>? home = null)
        {
            Name = name;
            Args = args;
            Names = names;
            Arrange = arrange;
            Home = home;
        }

        internal string Name { get; }

        internal string[] Args { get; }

        internal string[] Names { get; }

        internal Action<ProjectFixture>? Arrange { get; }

        internal Func<ProjectFixture, string>? Home { get; }

        public override string ToString() => Name;
    }

    private static Case Typo(string[] args, params string[] names) => new($"vnet {string.Join(' ', args)}", args, names);

    private static Case WithId(string command, string id, params string[] names) =>
        new($"{command} with an id file holding {Describe(id)}", command.Split(' '), ["default", IdFile, .. names], p => p.WithFile(IdFile, id));

    private static Case WithIndex(string what, string index, params string[] names) =>
        new($"global-status with a machine index {what}", ["global-status"], [Index, .. names], p => WriteHomeFile(p, Index, index));

    private static string Describe(string text) => text.Length == 0 ? "nothing" : string.Concat(text.Select(c => char.IsControl(c) || c > '~' ? $"\\x{(int)c:X2}" : c.ToString()));

    private static void WriteHomeFile(ProjectFixture project, string relative, string text)
    {
        var path = Path.Combine(project.Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Entry(string key, string name = "default") =>
        "{\"version\":1,\"machines\":{\"" + key + "\":{\"name\":\"" + name + "\",\"provider\":\"recording\",\"state\":\"running\"," +
        "\"vagrantfile_path\":\"/nonexistent/Vagrantfile.csx\",\"local_data_path\":\"/nonexistent/.vnet\"}}}";

    public static IEnumerable<Case> Cases()
    {
        // Unknown options, which would otherwise be taken for machine names, and unknown commands before --help.
        yield return Typo(["up", "--no-provison"], "--no-provison", "--no-provision");
        yield return Typo(["up", "--destroy-on-eror"], "--destroy-on-eror", "--destroy-on-error");
        yield return Typo(["up", "--provder=recording"], "--provder", "--provider");
        yield return Typo(["halt", "--forse"], "--forse", "--force");
        yield return Typo(["halt", "default", "-x"], "-x");
        yield return Typo(["status", "--bogus"], "--bogus", "vnet status");
        yield return Typo(["status", "--machine-readabel"], "--machine-readabel", "--machine-readable");
        yield return Typo(["destroy", "--paralel"], "--paralel", "--parallel");
        yield return Typo(["provision", "--provision-wth", "shell"], "--provision-wth", "--provision-with");
        yield return Typo(["reload", "--no-provison"], "--no-provison", "--no-provision");
        yield return Typo(["resume", "--provison"], "--provison", "--provision");
        yield return Typo(["suspend", "--dryrun"], "--dryrun", "--dry-run");
        yield return Typo(["ssh-config", "--hots", "x"], "--hots", "--host");
        yield return Typo(["port", "--gest", "80"], "--gest");
        yield return Typo(["rsync", "--bogus"], "--bogus");
        yield return Typo(["snapshot", "save", "--bogus", "s1"], "--bogus", "vnet snapshot save");
        yield return Typo(["snapshot", "restore", "s1", "--no-provison"], "--no-provison", "--no-provision");
        yield return Typo(["init", "--minmal"], "--minmal", "--minimal");
        yield return Typo(["console", "--help"], "'console' is not a command of `vnet`");
        yield return Typo(["statu", "--help"], "'statu'", "status");
        yield return Typo(["box", "lst", "--help"], "'lst'", "list");
        yield return Typo(["snapshot", "sav", "-h"], "'sav'", "save");

        // Machine-name patterns that are no regular expression.
        yield return Typo(["status", "/[/"], "/[/", "regular expression");
        yield return Typo(["up", "/(web/"], "/(web/", "regular expression");
        yield return Typo(["halt", "/*/"], "/*/", "regular expression");

        // --parallel N.
        yield return Typo(["up", "--parallel", "0"], "--parallel", "at least 1", "got 0");
        yield return Typo(["up", "--parallel", "-3"], "--parallel", "got -3");
        yield return Typo(["up", "--parallel", "2x"], "--parallel", "'2x'");
        yield return Typo(["up", "--parallel", "2", "--no-parallel"], "--parallel", "--no-parallel");

        // A corrupt machine id file.
        yield return WithId("status", "\x1b[31m\x00\x01garbage", "corrupt");
        yield return WithId("status", string.Empty, "corrupt");
        yield return WithId("status", "one\nline too many", "corrupt");
        yield return WithId("status", "not-a-uuid", "Invalid UUID");
        yield return WithId("ssh-config", "not-a-uuid", "Invalid UUID");
        yield return WithId("ssh-config", "\x7f\x7f", "corrupt");
        yield return WithId("destroy -f", "not-a-uuid", "Invalid UUID");
        yield return WithId("destroy -f", "\x00\x00\x00", "corrupt");
        yield return WithId("halt", "two\nlines", "corrupt");

        // VNET_HOME that cannot be a directory.
        yield return new("status with VNET_HOME a file", ["status"], ["VNET_HOME", "is a file"], home: p => WriteFile(Path.Combine(p.Root, "home-file")));
        yield return new("up with VNET_HOME under a file", ["up"], ["VNET_HOME", "cannot create"], home: p => Path.Combine(WriteFile(Path.Combine(p.Root, "home-file")), "vnet"));
        yield return new("validate with VNET_HOME a file", ["validate"], ["VNET_HOME"], home: p => WriteFile(Path.Combine(p.Root, "home-file")));

        // A project directory vnet cannot write its state in (as root, permissions do not stop writes: a file in the way does).
        yield return new("up with .vnet a file", ["up"], [".vnet"], p => p.WithFile(".vnet", "in the way"));
        yield return new("up with .vnet/machines a file", ["up"], [".vnet/machines"], p => p.WithFile(".vnet/machines", "in the way"));
        yield return new("init with Vagrantfile.csx a directory", ["init", "--force"], ["Vagrantfile.csx"], p =>
        {
            File.Delete(p.VagrantfilePath);
            Directory.CreateDirectory(p.VagrantfilePath);
        });
        yield return new("init --output under a file", ["init", "--output", "in-the-way/Vagrantfile.csx"], ["in-the-way"], p => p.WithFile("in-the-way", "a file"));

        // A corrupt machine index.
        yield return WithIndex("that is no JSON", "{ not json", "corrupt");
        yield return WithIndex("that is binary", "\x00\x1b\x02\xff", "corrupt");
        yield return WithIndex("with a null entry", """{"version":1,"machines":{"abc":null}}""", "corrupt", "abc");
        yield return WithIndex("with an entry without paths", """{"version":1,"machines":{"abc":{"name":"web"}}}""", "corrupt", "abc");
        yield return WithIndex("with a garbled key", Entry("ab c/../\\u001b[2J"), "corrupt", "machine key");
        yield return WithIndex("with an empty key", Entry(string.Empty), "corrupt", "machine key");
        yield return new("up with a corrupt machine index", ["up"], [Index, "corrupt"], p => WriteHomeFile(p, Index, "[1,2"));

        // Control characters in what the user wrote reach the message escaped.
        yield return new("status of a machine named with escapes", ["status", "\x1b[2Jweb"], ["\\u001b[2Jweb", "was not found"]);
        yield return new("a hostname with escapes", ["validate"], ["vm.hostname", "\\u001b]0;pwned\\u0007"], p => p.WithVagrantfileText("""Vagrant.Configure(config => { config.Vm.Box = "test/box"; config.Vm.Hostname = "\u001b]0;pwned\u0007"; });"""));
        yield return new("an unknown command with escapes", ["\x1b[31mx"], ["\\u001b[31mx"]);
    }

    private static string WriteFile(string path)
    {
        File.WriteAllText(path, "not a directory");
        return path;
    }

    [SetUp]
    public void CreateProject()
    {
        _project = new ProjectFixture().WithVagrantfileText(OneMachine);
        RecordingProvider.Recorder = new ConcurrencyRecorder();
    }

    [TearDown]
    public void DeleteProject() => _project.Dispose();

    [TestCaseSource(nameof(Cases))]
    public async Task Is_Refused_Naming_What_Is_Wrong_And_Changes_Nothing(Case bad)
    {
        // Given
        bad.Arrange?.Invoke(_project);
        var home = bad.Home?.Invoke(_project) ?? _project.Home;
        var project = BadInputOutcome.Snapshot(_project.ProjectDirectory);
        var store = StoreSnapshot();

        // When
        var run = await InProcessVnet.RunAsync(
            _project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null },
            [RecordingProvider.Plugin],
            new StringWriter(),
            bad.Args);

        // Then
        BadInputOutcome.AssertRefused(run, bad.Names);
        Assert.That(BadInputOutcome.Snapshot(_project.ProjectDirectory), Is.EqualTo(project), "the project is unchanged");
        Assert.That(StoreSnapshot(), Is.EqualTo(store), "VNET_HOME is unchanged but for the compiled-script cache");
    }

    private IReadOnlyList<string> StoreSnapshot() =>
        [.. BadInputOutcome.Snapshot(_project.Home).Where(e => !e.StartsWith("cache", StringComparison.Ordinal))];
}
