using VagrantNet.Sdk.Pipeline;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.Recipes;

/// <summary>
/// Each recipe's <see cref="ActionBuilder.Describe()"/> (what <c>--dry-run</c> prints) against the golden file next to
/// this test, <c>Recipes/&lt;recipe&gt;.golden.txt</c>, compared exactly: a change to a recipe shows up here and in review.
/// </summary>
public class RecipeDescriptionTests
{
    private static readonly (string Name, Func<ActionBuilder> Recipe)[] Recipes =
    [
        ("up", LibvirtRecipes.Up),
        ("halt", LibvirtRecipes.Halt),
        ("suspend", LibvirtRecipes.Suspend),
        ("resume", LibvirtRecipes.Resume),
        ("reload", LibvirtRecipes.Reload),
        ("destroy", LibvirtRecipes.Destroy),
        ("provision", LibvirtRecipes.Provision),
        ("snapshot-save", LibvirtRecipes.SnapshotSave),
        ("snapshot-restore", LibvirtRecipes.SnapshotRestore),
        ("snapshot-delete", LibvirtRecipes.SnapshotDelete),
        ("snapshot-list", LibvirtRecipes.SnapshotList),
        ("package", LibvirtRecipes.Package),
    ];

    private static IEnumerable<TestCaseData> Cases() => Recipes.Select(r => new TestCaseData(r.Name, r.Recipe).SetArgDisplayNames(r.Name));

    [TestCaseSource(nameof(Cases))]
    public void Recipe_IsDescribedAsItsGoldenFileSays(string name, Func<ActionBuilder> recipe)
    {
        // Given
        var golden = Path.Combine(TestContext.CurrentContext.TestDirectory, "Recipes", name + ".golden.txt");

        // When
        var difference = RecipeGolden.Difference(name, recipe(), golden);

        // Then
        if (difference is not null)
        {
            Assert.Fail(difference);
        }
    }

    [Test]
    public void EveryRecipeTheProviderRuns_HasAGoldenFile()
    {
        // Given
        var golden = Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Recipes"), "*.golden.txt")
            .Select(f => Path.GetFileName(f)[..^".golden.txt".Length]);

        // When
        var recipes = typeof(LibvirtRecipes).GetMethods().Where(m => m.IsStatic && m.ReturnType == typeof(ActionBuilder)).Select(m => m.Name);

        // Then
        Assert.That(Recipes.Select(r => r.Name), Is.EquivalentTo(golden));
        Assert.That(Recipes.Select(r => r.Recipe.Method.Name), Is.EquivalentTo(recipes), "a public recipe without a golden test");
    }
}
