using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// <c>vnet package</c> end to end: a machine's disk, with a file written in its guest, becomes a box that <c>box add</c>
/// takes and a second machine boots from (logging in with the packaged machine's key); <c>box remove</c> then leaves no
/// image of that box in the storage pool.
/// </summary>
[TestFixture]
[NonParallelizable]
public class PackageTests : AcceptanceTest
{
    [Test]
    public void Package_ThenBoxAdd_ThenUp_BootsTheMarkedDisk_AndBoxRemoveEmptiesThePool()
    {
        // Given: a machine with a marker file in its guest
        var first = NewProject("pkg", OneMachine);
        Vnet.Run(first.Directory, "up").Ok();
        Guest(first.Directory, "echo packaged-marker | sudo tee /etc/vnet-marker");

        // When: packaged (the running machine is halted by package), added as a new box, and booted in another project
        Vnet.Run(first.Directory, "package").Ok();
        var box = Path.Combine(first.Directory, "package.box");
        Assert.That(File.Exists(box), Is.True, "package.box was written");
        Assert.That(Directory.GetFiles(first.Directory, "package.box.tmp-*"), Is.Empty, "no temporary box file is left");
        Vnet.Run(first.Directory, "box", "add", "--name", "acc/packaged", box).Ok();
        var second = NewProject("pkg2", OneMachine.Replace("vnet/debian12", "acc/packaged", StringComparison.Ordinal));
        Vnet.Run(second.Directory, "up").Ok();

        // Then: the second machine runs on the first one's disk
        Assert.That(Guest(second.Directory, "cat /etc/vnet-marker"), Is.EqualTo("packaged-marker"));

        // and once both are gone, removing the box removes its image from the pool
        Vnet.Run(second.Directory, "destroy", "-f").Ok();
        Vnet.Run(first.Directory, "destroy", "-f").Ok();
        Assert.That(Libvirt.Volumes(), Has.Some.StartsWith("acc-VAGRANTSLASH-packaged_vagrant_box_image_"), "the box's image was uploaded into the pool");
        Vnet.Run(first.Directory, "box", "remove", "acc/packaged").Ok();
        Assert.That(Libvirt.Volumes(), Has.None.StartsWith("acc-VAGRANTSLASH-packaged_vagrant_box_image_"));
    }
}
