using VagrantNet.Core.Communication;

namespace VagrantNet.Tests.Communication;

[TestFixture]
public class ShellQuoteTests
{
    [TestCase("plain-word_1.2/x", "plain-word_1.2/x")]
    [TestCase("two words", "'two words'")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("", "''")]
    [TestCase("$HOME `id`", "'$HOME `id`'")]
    public void Quote_MakesOneLiteralShellWord(string value, string quoted)
    {
        // When / Then
        Assert.That(ShellQuote.Quote(value), Is.EqualTo(quoted));
    }
}
