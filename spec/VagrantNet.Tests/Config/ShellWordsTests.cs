using VagrantNet.Core.Triggers;

namespace VagrantNet.Tests.Config;

public class ShellWordsTests
{
    [TestCase("echo hi", new[] { "echo", "hi" })]
    [TestCase("  a   b  ", new[] { "a", "b" })]
    [TestCase("sh -c 'echo $HOME > x'", new[] { "sh", "-c", "echo $HOME > x" })]
    [TestCase("say \"a \\\"b\\\" c\" d\\ e", new[] { "say", "a \"b\" c", "d e" })]
    [TestCase("a''b \"\"", new[] { "ab", "" })]
    public void Split_FollowsPosixShellWords(string line, string[] words) =>
        Assert.That(ShellWords.Split(line), Is.EqualTo(words));

    [TestCase("echo 'open")]
    [TestCase("echo \"open")]
    public void Split_RefusesAnUnmatchedQuote(string line) =>
        Assert.That(() => ShellWords.Split(line), Throws.TypeOf<FormatException>());
}
