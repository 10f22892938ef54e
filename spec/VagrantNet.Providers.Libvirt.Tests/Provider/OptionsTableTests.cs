using System.Reflection;
using System.Text.RegularExpressions;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

/// <summary>
/// docs/options.md tells users which vagrant-libvirt and Vagrant options vnet honours. A table that drifts from the
/// code lies as surely as a setting that is accepted and ignored, so these tests hold it to the code: every libvirt
/// setting is in it, every test it cites exists, and every untyped key it calls refused is refused.
/// </summary>
[TestFixture]
public partial class OptionsTableTests
{
    private static readonly string Repository = RepositoryRoot();

    private static readonly IReadOnlyList<Row> Rows = ReadRows(Path.Combine(Repository, "docs", "options.md"));

    [Test]
    public void EveryPublicSettableLibvirtConfigMember_IsNamedInTheVnetColumn()
    {
        // Given the members a Vagrantfile can set
        var settable = typeof(LibvirtConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => p.Name)
            .ToList();
        Assert.That(settable, Has.Count.GreaterThan(40), "reflection found too few settings to be reading LibvirtConfig");

        // When
        var named = Rows.SelectMany(r => LibvirtMember().Matches(r.Vnet)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = settable.Where(p => !named.Contains(p)).ToList();

        // Then
        Assert.That(missing, Is.Empty, "these LibvirtConfig settings have no row in docs/options.md: add one saying what vnet does with each");
    }

    [Test]
    public void EveryTestAWorksRowCites_ExistsUnderSpec()
    {
        // Given the test methods declared in spec/
        var declared = Directory.EnumerateFiles(Path.Combine(Repository, "spec"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .SelectMany(f => MethodDeclaration().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        // When
        var works = Rows.Where(r => r.Status == "works").ToList();
        Assert.That(works, Is.Not.Empty, "no row says works: the table was not read");
        var unpinned = works.Where(r => CitedMethod(r.CoveredBy) is not { } method || !declared.Contains(method))
            .Select(r => $"{r.Option}: {(r.CoveredBy.Length == 0 ? "no test named" : r.CoveredBy)}")
            .ToList();

        // Then
        Assert.That(unpinned, Is.Empty, "these rows say works but name no test that exists: name the test, or say works (untested)");
    }

    [Test]
    public void EveryUntypedKeyARefusedRowNames_IsRefusedByTheLibvirtProvider()
    {
        // Given the p["key"] rows marked refused
        var refused = Rows.Where(r => r.Status.StartsWith("refused", StringComparison.Ordinal))
            .SelectMany(r => UntypedKey().Matches(r.Vnet))
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.That(refused, Has.Count.GreaterThan(20), "too few refused keys found to be reading the table");

        // When
        var accepted = refused.Where(key =>
        {
            try
            {
                new LibvirtConfig().Set(key, "x");
                return true;
            }
            catch (ConfigurationException e)
            {
                return !e.Message.Contains($"has no setting '{key}'", StringComparison.Ordinal);
            }
        }).ToList();

        // Then
        Assert.That(accepted, Is.Empty, "the table says these keys are refused, but LibvirtConfig knows them: update their rows");
    }

    [Test]
    public void EachTablesCountLine_CountsItsRows()
    {
        // Given each table's rows, up to its "Count:" line
        var wrong = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var all = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        var allRows = 0;
        string Line(Dictionary<string, int> c, int n) => string.Join(", ", new[] { "works", "works (untested)", "ignored", "refused (not yet)", "refused (n/a on Linux)" }
            .Select(s => $"{s}: {c.GetValueOrDefault(s)}")) + $" ({n} rows).";
        foreach (var line in File.ReadLines(Path.Combine(Repository, "docs", "options.md")))
        {
            if (line.StartsWith('|') && !line.StartsWith("| option", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
            {
                var status = line.Trim().Trim('|').Split(" | ")[2].Trim();
                counts[status] = counts.GetValueOrDefault(status) + 1;
                all[status] = all.GetValueOrDefault(status) + 1;
                rows++;
                allRows++;
            }
            else if (line.StartsWith("Count:", StringComparison.Ordinal))
            {
                // When
                var expected = "Count: " + Line(counts, rows);
                if (line.Trim() != expected)
                {
                    wrong.Add($"{line.Trim()} should be {expected}");
                }

                counts.Clear();
                rows = 0;
            }
            else if (line.StartsWith("works: ", StringComparison.Ordinal) && line.Trim() != Line(all, allRows))
            {
                wrong.Add($"the total {line.Trim()} should be {Line(all, allRows)}");
            }
        }

        // Then
        Assert.That(wrong, Is.Empty, "docs/options.md: a Count line disagrees with its table's rows");
    }

    private sealed record Row(string Option, string Vnet, string Status, string CoveredBy);

    /// <summary>The table rows of the document: <c>| option | vnet | status | covered by | note |</c>.</summary>
    private static List<Row> ReadRows(string path)
    {
        var rows = File.ReadLines(path)
            .Where(l => l.StartsWith('|') && !l.StartsWith("| option", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())
            .Select(c => c.Length >= 4 ? new Row(c[0], c[1], c[2], c[3].Trim('`')) : throw new FormatException($"docs/options.md: a row needs option | vnet | status | covered by | note: {string.Join(" | ", c)}"))
            .ToList();
        var statuses = new[] { "works", "works (untested)", "ignored", "refused (not yet)", "refused (n/a on Linux)" };
        var unknown = rows.Where(r => !statuses.Contains(r.Status)).Select(r => $"{r.Option}: {r.Status}").ToList();
        return unknown.Count == 0 ? rows : throw new FormatException($"docs/options.md: unknown status in {string.Join("; ", unknown)}");
    }

    /// <summary><c>TestClass.TestMethod</c> → <c>TestMethod</c>; the class is for the reader, the method is what is looked up.</summary>
    private static string? CitedMethod(string coveredBy) =>
        CitedTest().Match(coveredBy) is { Success: true } match ? match.Groups[1].Value : null;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VagrantNet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No VagrantNet.sln above {TestContext.CurrentContext.TestDirectory}.");
    }

    [GeneratedRegex(@"`LibvirtConfig\.([A-Z]\w*)")]
    private static partial Regex LibvirtMember();

    [GeneratedRegex(@"`p\[""([a-z_0-9]+)""\]`")]
    private static partial Regex UntypedKey();

    [GeneratedRegex(@"^\w+\.(\w+)$")]
    private static partial Regex CitedTest();

    [GeneratedRegex(@"public\s+(?:async\s+)?[\w<>\[\]]+\s+(\w+)\s*\(")]
    private static partial Regex MethodDeclaration();
}
