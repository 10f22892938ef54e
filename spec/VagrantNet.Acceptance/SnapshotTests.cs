namespace VagrantNet.Acceptance;

[TestFixture]
[NonParallelizable]
public class SnapshotTests : AcceptanceTest
{
    [Test]
    public void Snapshots_TakeTheGuestBackToWhereItWas_AndPushPopStacks()
    {
        // Given: a running guest with a marker file
        var project = NewProject("snap", OneMachine);
        var dir = project.Directory;
        Vnet.Run(dir, "up").Ok();
        Guest(dir, "echo before > /var/tmp/marker");

        // When: saved, changed, then restored
        Vnet.Run(dir, "snapshot", "save", "clean").Ok();
        Guest(dir, "echo after > /var/tmp/marker");
        Assert.That(Vnet.Run(dir, "snapshot", "list").Ok().Stdout, Does.Contain("clean"));
        Vnet.Run(dir, "snapshot", "restore", "clean").Ok();

        // Then: the guest runs, as it was when saved
        Assert.That(Vnet.Run(dir, "status").Ok().Stdout, Does.Contain("running (libvirt)"));
        Assert.That(Guest(dir, "cat /var/tmp/marker"), Is.EqualTo("before"));

        // push / pop: pop returns to the pushed state and removes that snapshot
        Vnet.Run(dir, "snapshot", "push").Ok();
        Guest(dir, "echo changed > /var/tmp/marker");
        Vnet.Run(dir, "snapshot", "pop").Ok();
        Assert.That(Guest(dir, "cat /var/tmp/marker"), Is.EqualTo("before"));
        Assert.That(Vnet.Run(dir, "snapshot", "list").Ok().Stdout, Does.Not.Contain("push_"));

        // Bad names are refused, naming what there is; delete removes the snapshot
        var missing = Vnet.Run(dir, "snapshot", "restore", "nope");
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.Stderr, Does.Contain("has no snapshot named 'nope'").And.Contain("Its snapshots: clean."));
        Vnet.Run(dir, "snapshot", "delete", "clean").Ok();
        Assert.That(Vnet.Run(dir, "snapshot", "list").Ok().Stdout, Does.Contain("no snapshots yet"));

        Vnet.Run(dir, "destroy", "-f").Ok();
    }
}
