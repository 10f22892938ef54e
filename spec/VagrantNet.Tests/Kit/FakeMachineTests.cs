using VagrantNet.Testing;

namespace VagrantNet.Tests.Kit;

/// <summary>The fake machine plugin authors test with: what it has, and what it says when the test left something unset.</summary>
public class FakeMachineTests
{
    [Test]
    public void AMachineWithoutAProvider_SaysWhichPropertyToSet()
    {
        // Given
        using var machine = new FakeMachine { Name = "web" };

        // When
        var error = Assert.Throws<InvalidOperationException>(() => _ = machine.Provider);

        // Then
        Assert.That(error!.Message, Does.Contain("FakeMachine 'web' has no Provider").And.Contain("FakeMachine.Provider"));
    }

    [Test]
    public void StateFiles_LiveInTheMachinesDataDirectory_AndGoWithIt()
    {
        // Given
        var machine = new FakeMachine();
        machine.WriteState("id", "machine-1");
        var data = machine.DataDirectory;

        // When
        machine.Dispose();

        // Then
        Assert.That(data, Does.EndWith(Path.Combine(".vnet", "machines", "default", "fake")));
        Assert.That(data, Does.Not.Exist);
    }
}
