using VagrantNet.Core.SyncedFolders;

namespace VagrantNet.Tests.Rsync;

[TestFixture]
public class RsyncExcludesTests
{
    [TestCase(".vnet/", ".vnet/machines/default/id", false, true)]
    [TestCase(".vnet/", "src/.vnet", false, false)]
    [TestCase("*.log", "logs/today.log", false, true)]
    [TestCase("*.log", "today.log.txt", false, false)]
    [TestCase("/build", "build/x.o", false, true)]
    [TestCase("/build", "src/build/x.o", false, false)]
    [TestCase("build/", "src/build", true, true)]
    [TestCase("build/", "src/build", false, false)]
    [TestCase("docs/*.md", "project/docs/a.md", false, true)]
    [TestCase("node_modules", "web/node_modules/x/y.js", false, true)]
    [TestCase("**/tmp", "a/b/tmp", true, true)]
    [TestCase("te?t", "test", false, true)]
    public void IsExcluded_FollowsRsyncPatternRules(string pattern, string path, bool isDirectory, bool excluded)
    {
        // Given
        var excludes = new RsyncExcludes([pattern]);

        // When / Then
        Assert.That(excludes.IsExcluded(path, isDirectory), Is.EqualTo(excluded));
    }
}
