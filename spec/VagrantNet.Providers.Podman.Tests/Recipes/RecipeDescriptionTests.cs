using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Tests.Recipes;

/// <summary>
/// Each recipe's <see cref="ActionBuilder.Describe()"/> (what <c>--dry-run</c> prints) against the golden file next to
/// this test, <c>Recipes/&lt;recipe&gt;.golden.txt</c>, compared exactly: a change to a recipe shows up here and in review.
/// </summary>
public class RecipeDescriptionTests
{
    private static readonly (string Name, Func<ActionBuilder> Recipe)[] Recipes =
    [
        ("up", PodmanRecipes.Up),
        ("halt", PodmanRecipes.Halt),
        ("reload", PodmanRecipes.Reload),
        ("destroy", PodmanRecipes.Destroy),
        ("provision", PodmanRecipes.Provision),
    ];

    private static IEnumerable<TestCaseData> Cases() => Recipes.Select(r => new TestCaseData(r.Name, r.Recipe).SetArgDisplayNames(r.Name));

    [TestCaseSource(nameof(Cases))]
    public void Recipe_IsDescribedAsItsGoldenFileSays(string name, Func<ActionBuilder> recipe)
    {
        // Given
        var golden = Path.Combine("Recipes", name + ".golden.txt");
        var expected = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, golden));

        // When
        var actual = string.Join('\n', recipe().Describe()) + "\n";

        // Then
        if (actual != expected)
        {
            Assert.Fail(Difference(name, golden, expected, actual));
        }
    }

    [Test]
    public void EveryRecipeTheProviderRuns_HasAGoldenFile()
    {
        // Given
        var golden = Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Recipes"), "*.golden.txt")
            .Select(f => Path.GetFileName(f)[..^".golden.txt".Length]);

        // When
        var recipes = typeof(PodmanRecipes).GetMethods().Where(m => m.IsStatic && m.ReturnType == typeof(ActionBuilder)).Select(m => m.Name);

        // Then
        Assert.That(Recipes.Select(r => r.Name), Is.EquivalentTo(golden));
        Assert.That(Recipes.Select(r => r.Recipe.Method.Name), Is.EquivalentTo(recipes), "a public recipe without a golden test");
    }

    /// <summary>The first line that differs, both versions of it, and the whole new description to take over if meant.</summary>
    private static string Difference(string name, string golden, string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(want.Length, got.Length)).First(i => i >= want.Length || i >= got.Length || want[i] != got[i]);
        string At(string[] lines) => line < lines.Length ? $"'{lines[line]}'" : "(end of text)";
        return $"The '{name}' recipe's description differs from {golden} (in this test project) at line {line + 1}:{Environment.NewLine}" +
            $"  golden: {At(want)}{Environment.NewLine}" +
            $"  actual: {At(got)}{Environment.NewLine}" +
            $"If the change is meant, the golden file becomes:{Environment.NewLine}{actual}";
    }
}
