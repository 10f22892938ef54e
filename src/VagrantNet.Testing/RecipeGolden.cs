using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Testing;

/// <summary>
/// Compares a recipe's <see cref="ActionBuilder.Describe()"/> (what <c>--dry-run</c> prints) with a golden file, exactly:
/// a change to a recipe then shows up in its test and in review. Framework-neutral: the caller fails its test with the text.
/// </summary>
public static class RecipeGolden
{
    /// <summary>Null when <paramref name="recipe"/> is described as <paramref name="goldenPath"/> says; else what differs.</summary>
    public static string? Difference(string name, ActionBuilder recipe, string goldenPath)
    {
        var expected = File.ReadAllText(goldenPath);
        var actual = string.Join('\n', recipe.Describe()) + "\n";
        if (actual == expected)
        {
            return null;
        }

        // The first line that differs, both versions of it, and the whole new description to take over if meant.
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(want.Length, got.Length)).First(i => i >= want.Length || i >= got.Length || want[i] != got[i]);
        string At(string[] lines) => line < lines.Length ? $"'{lines[line]}'" : "(end of text)";
        return $"The '{name}' recipe's description differs from {goldenPath} at line {line + 1}:{Environment.NewLine}" +
            $"  golden: {At(want)}{Environment.NewLine}" +
            $"  actual: {At(got)}{Environment.NewLine}" +
            $"If the change is meant, the golden file becomes:{Environment.NewLine}{actual}";
    }
}
