using VagrantNet.Core.Conversion;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Conversion;

/// <summary>
/// The corpus: Vagrantfiles written for these tests with the constructs real ones use. Each converts to the exact
/// text of its golden (<c>NAME.out</c>: the Vagrantfile.csx, then the warnings), and the result passes
/// <c>vnet validate</c>; a file a case names in its first line gets its contents from <c>Corpus/NAME.files/</c>
/// where that holds it. Set VNET_ACCEPT_CONVERSIONS=1 to rewrite the goldens after a deliberate change, then read the diff.
/// </summary>
[TestFixture]
[NonParallelizable]
public class VagrantfileConverterTests
{
    private const string Separator = "// ---- warnings ----";

    private static string SourceDirectory() => CorpusProject.SourceDirectory();

    public static IEnumerable<string> CorpusFiles() => CorpusProject.Names();

    [TestCaseSource(nameof(CorpusFiles))]
    public async Task Convert_GivesTheGoldenScript_WhichVnetValidates(string name)
    {
        // Given
        var ruby = await CorpusProject.RubyOfAsync(name);

        // When
        var result = VagrantfileConverter.Convert(ruby);

        // Then: the exact text
        var actual = result.Script + Separator + "\n" + string.Concat(result.Diagnostics.Select(d => d + "\n"));
        var golden = Path.Combine(SourceDirectory(), name + ".out");
        if (System.Environment.GetEnvironmentVariable("VNET_ACCEPT_CONVERSIONS") == "1" || !File.Exists(golden))
        {
            await File.WriteAllTextAsync(golden, actual);
        }

        Assert.That(result.Failed, Is.False, actual);
        Assert.That(actual, Is.EqualTo(await File.ReadAllTextAsync(golden)));

        // Then: vnet takes it (with the files a first line "# corpus-files: a/ b.sh" names made in the project)
        using var project = new ProjectFixture().WithVagrantfileText(result.Script);
        await CorpusProject.CreateAsync(name, project.ProjectDirectory, ruby);

        var run = await InProcessVnet.RunAsync(
            project.ProjectDirectory,
            new Dictionary<string, string?> { ["VNET_HOME"] = project.Home, ["VNET_LOG"] = null, ["VNET_VAGRANTFILE"] = null, ["VNET_DEFAULT_PROVIDER"] = null, ["BOX"] = null },
            "validate");
        Assert.That(run.ExitCode, Is.Zero, run + "\n" + result.Script);
    }
}
