using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Tests.Pipeline;

public class ActionNamesTests
{
    [TestCase(typeof(WaitForCommunicatorStandIn), "wait for communicator stand in")]
    [TestCase(typeof(SyncedFolders), "synced folders")]
    [TestCase(typeof(HandleNFSExports), "handle NFS exports")]
    public void AStepsNameInWords_IsItsTypeNameSplitIntoLowerCaseWords_KeepingAcronyms(Type step, string words)
    {
        // Given
        var instance = Activator.CreateInstance(step)!;

        // When
        var name = ActionNames.InWords(instance);

        // Then
        Assert.That(name, Is.EqualTo(words));
    }

    [Test]
    public void ADescribedStep_IsNamedByItsDescription()
    {
        // Given
        var step = new Described();

        // When
        var name = ActionNames.InWords(step);

        // Then
        Assert.That(name, Is.EqualTo("import the box image"));
    }

    private sealed class WaitForCommunicatorStandIn;

    private sealed class HandleNFSExports;

    private sealed class Described : IDescribedAction
    {
        public string Description => "import the box image";
    }
}
