using VagrantNet.Providers.Libvirt.Actions;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Tests.Interop;
using VagrantNet.Providers.Libvirt.Tests.Support;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[Category("LibvirtTestDriver")]
public class HandleBoxImageTests : TestDriverSteps
{
    private const string ExpectedVolume = "vnet-VAGRANTSLASH-test-box_vagrant_box_image_1.2.3_box.img";
    private const ulong OneGiB = 1024 * 1024 * 1024;

    private static ActionBuilder Steps() => new ActionBuilder().Use<HandleBox>().Use<HandleBoxImage>();

    [Test]
    public void VolumeName_FollowsVagrantLibvirt_WithSlashesSpelledOut()
    {
        // Given
        var machine = NewMachine();

        // When
        var name = HandleBoxImage.VolumeName(machine.FakeHost.Box, "box.img");

        // Then
        Assert.That(name, Is.EqualTo(ExpectedVolume));
    }

    [Test]
    public async Task HandleBoxImage_WhenTheImageIsInThePool_ReusesItOnEveryRunWithoutImporting()
    {
        // Given: an earlier run imported the box image
        var machine = NewMachine();
        SeedBoxImage(machine);

        // When
        var first = await RunAsync(machine, Steps());
        var second = await RunAsync(machine, Steps());

        // Then
        var expected = new BoxImage(ExpectedVolume, $"/{TestDriver.StockPool}/{ExpectedVolume}", "qcow2", TestBox.VirtualSizeGb * OneGiB);
        Assert.That(first.Get(LibvirtKeys.BoxImage), Is.EqualTo(expected));
        Assert.That(second.Get(LibvirtKeys.BoxImage), Is.EqualTo(expected));
        Assert.That(VolumeNames().Count(n => n == ExpectedVolume), Is.EqualTo(1));
        Assert.That(machine.RecordingUi.Lines, Has.None.Contains("Uploading"));
        Assert.That(machine.FakeHost.Locks, Has.Exactly(2).EqualTo("libvirt-box-image-" + ExpectedVolume));
    }

    [Test]
    public void HandleBoxImage_NeverUsesAVolumeThatAKilledUploadLeft_ButUploadsItAgain()
    {
        // Given: an upload was killed half way: its volume exists under the final name, its marker is still there
        Assume.That(Directory.Exists($"/{TestDriver.StockPool}"), Is.False);
        var machine = NewMachine();
        var uploads = Path.Combine(machine.FakeHost.Home, "data", "libvirt", "uploads");
        Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(NewMachine(host: machine.FakeHost), Steps()));
        var marker = Path.Combine(Directory.GetDirectories(uploads).Single(), ExpectedVolume);
        Assert.That(marker, Does.Not.Exist, "a failed upload that removed its volume removes its marker");
        SeedBoxImage(machine);
        File.WriteAllText(marker, TestDriver.Uri);

        // When: the test driver cannot upload, so the second attempt fails too, but after removing the stale volume
        Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, Steps()));

        // Then
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains($"'{ExpectedVolume}' is left from an upload that did not finish"));
        Assert.That(VolumeNames(), Has.No.Member(ExpectedVolume));
    }

    [Test]
    public void HandleBoxImage_WhenTheUploadFails_ReportsItAndLeavesNoHalfVolume()
    {
        // Given: the stock pool's directory is not on this host, so the image must be uploaded,
        // and the test driver has no volume upload
        Assume.That(Directory.Exists($"/{TestDriver.StockPool}"), Is.False);
        var machine = NewMachine();

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, Steps()));

        // Then
        Assert.That(error.Message, Does.Contain("vnet/test-box").And.Contain($"storage pool '{TestDriver.StockPool}'"));
        Assert.That(error.InnerException, Is.TypeOf<LibvirtException>().With.Property(nameof(LibvirtException.Code)).EqualTo(LibvirtErrorCode.NoSupport));
        Assert.That(machine.RecordingUi.Lines, Has.Some.Contains("Uploading base box image"));
        Assert.That(VolumeNames(), Has.No.Member(ExpectedVolume));
    }

    [Test]
    public void HandleBoxImage_CopyingIntoALocalPool_OverwritesAStalePartFile_AndRemovesACopyThePoolDoesNotList()
    {
        // Given: a pool in a real local directory holding the part file of a killed import; libvirt's test
        // driver never rescans the directory, so the copy lands on disk but the pool does not list it
        var machine = NewMachine(configureProvider: c => c.StoragePoolName = "vnet-local-pool");
        var directory = Directory.CreateTempSubdirectory("vnet-pool-").FullName;
        try
        {
            using (var pool = Libvirt.DefineStoragePool($"<pool type='dir'><name>vnet-local-pool</name><target><path>{directory}</path></target></pool>"))
            {
                pool.Create();
            }

            File.WriteAllText(Path.Combine(directory, $".{ExpectedVolume}.part"), "left by a killed import");

            // When
            var error = Assert.ThrowsAsync<LibvirtProviderException>(() => RunAsync(machine, Steps()));

            // Then
            Assert.That(error.Message, Does.Contain("does not list it"));
            Assert.That(Directory.EnumerateFileSystemEntries(directory), Is.Empty, "neither the partial nor the copied file is left behind");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
