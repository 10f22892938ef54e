using System.Text.Json.Nodes;
using VagrantNet.Core.Conversion;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Conversion.Differential;

/// <summary>
/// The converter measured against Vagrant itself: every corpus Vagrantfile is loaded by Debian's vagrant 2.3.4 with
/// vagrant-libvirt (spec/differential/vagrant-config-dump.rb) and, converted, by <c>vnet config --json</c>; the two are
/// compared field by field (<see cref="ConfigDifferences"/>). What does not match yet is written down, case by case, in
/// Corpus/differential.expected: a case fails when it differs in a way not written there, or stops differing in a way
/// that is (so the list stays true). VNET_ACCEPT_CONVERSIONS=1 rewrites the list; read its diff.
/// </summary>
[TestFixture]
[Category("Differential")]
[NonParallelizable]
public class DifferentialTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Found = [];
    private ProjectFixture _workspace = null!;
    private IReadOnlyDictionary<string, JsonObject> _vagrant = null!;

    private static string ExpectedFile => Path.Combine(CorpusProject.SourceDirectory(), "differential.expected");

    public static IEnumerable<string> CorpusFiles() => CorpusProject.Names();

    [OneTimeSetUp]
    public async Task LoadEveryCaseWithVagrant()
    {
        if (!VagrantConfigDump.IsInstalled())
        {
            const string Missing = "Debian's vagrant and vagrant-libvirt are not installed (spec/hermetic/install-host-deps.sh installs them)";
            if (System.Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(Missing);
            }

            Assert.Ignore(Missing);
        }

        _workspace = new ProjectFixture().WithLibvirtPlugin();
        var directories = new List<string>();
        foreach (var name in CorpusFiles())
        {
            var directory = ProjectOf(name);
            var ruby = await CorpusProject.RubyOfAsync(name);
            await CorpusProject.CreateAsync(name, directory, ruby);
            await File.WriteAllTextAsync(Path.Combine(directory, "Vagrantfile"), ruby);
            await File.WriteAllTextAsync(Path.Combine(directory, "Vagrantfile.csx"), VagrantfileConverter.Convert(ruby).Script);
            directories.Add(directory);
        }

        _vagrant = await VagrantConfigDump.LoadAsync(directories, _workspace.Home);
    }

    [OneTimeTearDown]
    public async Task ReportHowManyMatch()
    {
        if (Found.Count > 0)
        {
            var matching = Found.Count(f => f.Value.Count == 0);
            await TestContext.Progress.WriteLineAsync($"differential: {matching} of {Found.Count} corpus cases match Vagrant 2.3.4 on every field compared");
            if (System.Environment.GetEnvironmentVariable("VNET_ACCEPT_CONVERSIONS") == "1")
            {
                await File.WriteAllLinesAsync(ExpectedFile, Found.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Count == 0 ? [$"{f.Key}: matches"] : f.Value.Select(d => $"{f.Key}: {d}")));
            }
        }

        _workspace?.Dispose();
    }

    [TestCaseSource(nameof(CorpusFiles))]
    public async Task ConvertedFile_GivesVnetTheConfigurationVagrantLoads(string name)
    {
        // Given: what Vagrant made of the Ruby file
        var directory = ProjectOf(name);
        var ruby = await File.ReadAllTextAsync(Path.Combine(directory, "Vagrantfile"));
        var vagrant = _vagrant[directory];

        // When: vnet reads the converted one
        var run = await InProcessVnet.RunAsync(
            directory,
            new Dictionary<string, string?> { ["VNET_HOME"] = _workspace.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = "libvirt", ["BOX"] = null },
            "config", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        // Then: the same machines and settings, apart from what Corpus/differential.expected says is not there yet
        var differences = ConfigDifferences.Between(vagrant, JsonNode.Parse(run.Stdout)!.AsObject(), ruby)
            .Select(d => d.Replace(directory, ".", StringComparison.Ordinal)).ToList();
        Found[name] = differences;
        var expected = Expected(name);
        Assert.That(differences, Is.EquivalentTo(expected), $"{name}: differences from Vagrant now:\n  {string.Join("\n  ", differences)}\nwritten in differential.expected:\n  {string.Join("\n  ", expected)}");
    }

    private string ProjectOf(string name) => Path.Combine(_workspace.Root, "cases", name);

    private static List<string> Expected(string name) =>
        !File.Exists(ExpectedFile)
            ? []
            : [.. File.ReadAllLines(ExpectedFile)
                .Where(l => l.StartsWith(name + ": ", StringComparison.Ordinal))
                .Select(l => l[(name.Length + 2)..])
                .Where(l => l != "matches")];
}
