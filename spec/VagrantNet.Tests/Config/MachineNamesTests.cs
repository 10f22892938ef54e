using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>Machine names become directories under .vnet/machines: only one plain path component is accepted.</summary>
[TestFixture]
public class MachineNamesTests
{
    [TestCase("default")]
    [TestCase("web")]
    [TestCase("web-1")]
    [TestCase("db_primary")]
    [TestCase("node1.example")]
    [TestCase("_private")]
    [TestCase("1st")]
    public void Should_Accept_Letters_Digits_Dashes_Underscores_And_Dots(string name)
    {
        // Given, When
        var problem = MachineNames.Problem(name);

        // Then
        Assert.That(problem, Is.Null);
        Assert.DoesNotThrow(() => new VmConfig().Define(name));
    }

    [TestCase("/abs/x", "it contains a path separator")]
    [TestCase("../../x", "it contains a path separator")]
    [TestCase("web/db", "it contains a path separator")]
    [TestCase("web\\db", "it contains a path separator")]
    [TestCase("", "the machine name is empty")]
    [TestCase(".", "it names a directory, not a machine")]
    [TestCase("..", "it names a directory, not a machine")]
    [TestCase("a\0b", "it contains a control character")]
    [TestCase("a\nb", "it contains a control character")]
    [TestCase("\u001b[31m", "it contains a control character")]
    [TestCase(".hidden", "it starts with '.'")]
    [TestCase("-rf", "it starts with '-'")]
    [TestCase("web db", "it contains a character other than letters, digits, '-', '_' and '.'")]
    [TestCase("wéb", "it contains a character other than letters, digits, '-', '_' and '.'")]
    public void Should_Refuse_A_Name_That_Is_Not_One_Plain_Path_Component(string name, string problem)
    {
        // Given, When
        var found = MachineNames.Problem(name);

        // Then
        Assert.That(found, Is.EqualTo(problem));
    }

    [Test]
    public void Should_Refuse_A_Name_Longer_Than_128_Characters()
    {
        // Given
        var longest = new string('a', 128);

        // When
        var problems = (MachineNames.Problem(longest), MachineNames.Problem(longest + "a"));

        // Then
        Assert.That(problems, Is.EqualTo(((string?)null, "it is 129 characters long")));
    }

    [Test]
    public void Define_Should_Refuse_A_Bad_Name_With_The_Name_Escaped_And_The_Rule()
    {
        // Given
        var vm = new VmConfig();

        // When
        var error = Assert.Throws<ConfigurationException>(() => vm.Define("../\u001b[2Jx"));

        // Then
        Assert.That(error!.Message, Is.EqualTo(@"vm.define: the machine name '../\u001b[2Jx' cannot be used: it contains a control character. A machine name may use letters, digits, '-', '_' and '.', starting with a letter, a digit or '_', at most 128 characters."));
        Assert.That(vm.Definitions, Is.Empty);
    }
}
