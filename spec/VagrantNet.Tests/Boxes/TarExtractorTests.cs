using System.Text;
using VagrantNet.Core.Boxes;
using VagrantNet.Tests.Boxes.Support;

namespace VagrantNet.Tests.Boxes;

[TestFixture]
public class TarExtractorTests
{
    private BoxFixtures _fixtures = null!;
    private string _target = null!;

    [SetUp]
    public void SetUp()
    {
        _fixtures = new BoxFixtures();
        _target = Path.Combine(_fixtures.Root, "sandbox", "box");
        Directory.CreateDirectory(_target);
    }

    [TearDown]
    public void TearDown() => _fixtures.Dispose();

    private void Extract(byte[] tar) => new TarExtractor(new MemoryStream(tar), _target, null, CancellationToken.None).Extract();

    private string Outside => Path.Combine(_fixtures.Root, "sandbox");

    [Test]
    public void FilesAndDirectories_AreUnpacked_WithDotSlashPrefixesRemoved()
    {
        // Given
        var tar = new TarBuilder().Directory("./").File("./metadata.json", "{}").Directory("./disks/").File("disks/a.img", "abc").Tar();

        // When
        Extract(tar);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(_target, "metadata.json")), Is.EqualTo("{}"));
        Assert.That(File.ReadAllText(Path.Combine(_target, "disks", "a.img")), Is.EqualTo("abc"));
    }

    [TestCase("../escaped")]
    [TestCase("./a/../../escaped")]
    [TestCase("/tmp/escaped-absolute")]
    public void EntryNames_ThatLeaveTheBox_AreRefused(string name)
    {
        // Given
        var tar = new TarBuilder().File(name, "x").Tar();

        // When
        var error = Assert.Throws<BoxArchiveException>(() => Extract(tar));

        // Then
        Assert.That(error!.Message, Does.Contain("outside the box directory"));
        Assert.That(File.Exists(Path.Combine(Outside, "escaped")), Is.False);
        Assert.That(File.Exists("/tmp/escaped-absolute"), Is.False);
    }

    [TestCase("../../outside")]
    [TestCase("/etc/passwd")]
    public void Symlinks_PointingOutOfTheBox_AreRefused(string target)
    {
        // Given
        var tar = new TarBuilder().Symlink("link", target).Tar();

        // When
        var error = Assert.Throws<BoxArchiveException>(() => Extract(tar));

        // Then
        Assert.That(error!.Message, Does.Contain("outside the box directory"));
        Assert.That(File.Exists(Path.Combine(_target, "link")) || Directory.Exists(Path.Combine(_target, "link")), Is.False);
    }

    [Test]
    public void AFile_WrittenThroughASymlink_IsRefused()
    {
        // Given: "sub" is a link to the box root, then a file is written below it.
        var tar = new TarBuilder().Symlink("sub", ".").File("sub/x", "through the link").Tar();

        // When
        var error = Assert.Throws<BoxArchiveException>(() => Extract(tar));

        // Then
        Assert.That(error!.Message, Does.Contain("sub"));
    }

    [Test]
    public void ASymlink_ResolvedThroughAnotherSymlink_IsRefused()
    {
        // Given: "a" -> "." looks harmless, but "b" -> "a/.." would then be the box's parent.
        var tar = new TarBuilder().Symlink("a", ".").Symlink("b", "a/..").Tar();

        // When / Then
        Assert.Throws<BoxArchiveException>(() => Extract(tar));
        Assert.That(Directory.EnumerateFileSystemEntries(_target), Is.Empty);
    }

    [Test]
    public void Symlinks_InsideTheBox_AreKept()
    {
        // Given
        var tar = new TarBuilder().File("disks/box_1.img", "disk").Symlink("box.img", "disks/box_1.img").Tar();

        // When
        Extract(tar);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(_target, "box.img")), Is.EqualTo("disk"));
        Assert.That(new FileInfo(Path.Combine(_target, "box.img")).LinkTarget, Is.EqualTo("disks/box_1.img"));
    }

    [TestCase("../../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("not-in-archive")]
    public void HardLinks_ToAnythingButAnEarlierFileInTheBox_AreRefused(string target)
    {
        // Given
        var tar = new TarBuilder().HardLink("copy", target).Tar();

        // When
        var error = Assert.Throws<BoxArchiveException>(() => Extract(tar));

        // Then
        Assert.That(error!.Message, Does.Contain("hard link"));
        Assert.That(File.Exists(Path.Combine(_target, "copy")), Is.False);
    }

    [Test]
    public void HardLinks_ToAnEarlierFile_GetItsContent()
    {
        // Given
        var tar = new TarBuilder().File("a", "same").HardLink("b", "./a").Tar();

        // When
        Extract(tar);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(_target, "b")), Is.EqualTo("same"));
    }

    [Test]
    public void DeviceNodesAndFifos_AreRefused()
    {
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(new TarBuilder().CharDevice("null").Tar()))!.Message, Does.Contain("device node"));
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(new TarBuilder().BlockDevice("sda").Tar()))!.Message, Does.Contain("device node"));
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(new TarBuilder().Fifo("pipe").Tar()))!.Message, Does.Contain("FIFO"));
    }

    [Test]
    public void SetuidBits_AreDropped_AndTheOwnerCanAlwaysWrite()
    {
        // Given
        var tar = new TarBuilder().File("tool", Encoding.UTF8.GetBytes("#!/bin/sh"), mode: 0b100_111_101_101).Tar();

        // When
        Extract(tar);

        // Then
        Assert.That(File.GetUnixFileMode(Path.Combine(_target, "tool")), Is.EqualTo((UnixFileMode)0b111_101_101));
    }

    [Test]
    public void PaxPathsAndGnuLongNames_NameTheFollowingEntry()
    {
        // Given
        var longName = "d/" + new string('n', 150);
        var tar = new TarBuilder()
            .Pax(("path", "pax-named.txt")).File("ignored", "pax")
            .GnuLongName(longName).Entry("truncated", (byte)'0', Encoding.UTF8.GetBytes("gnu"), gnu: true)
            .Tar();

        // When
        Extract(tar);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(_target, "pax-named.txt")), Is.EqualTo("pax"));
        Assert.That(File.ReadAllText(Path.Combine(_target, longName)), Is.EqualTo("gnu"));
        Assert.That(File.Exists(Path.Combine(_target, "ignored")), Is.False);
    }

    [Test]
    public void PaxSparseFiles_AreRebuiltWithTheirHoles()
    {
        // Given: what bsdtar writes for a qcow2 with holes.
        var tar = new TarBuilder().PaxSparseFile("box.img", 10_000, (0, "head"u8.ToArray()), (8_000, "tail"u8.ToArray())).Tar();

        // When
        Extract(tar);

        // Then
        var image = File.ReadAllBytes(Path.Combine(_target, "box.img"));
        Assert.That(image, Has.Length.EqualTo(10_000));
        Assert.That(Encoding.ASCII.GetString(image, 0, 4), Is.EqualTo("head"));
        Assert.That(Encoding.ASCII.GetString(image, 8_000, 4), Is.EqualTo("tail"));
        Assert.That(image.Skip(4).Take(7_996).All(b => b == 0), Is.True);
        Assert.That(Directory.Exists(Path.Combine(_target, "GNUSparseFile.0")), Is.False);
    }

    [Test]
    public void OldGnuSparseFiles_AreRebuiltWithTheirHoles()
    {
        // Given
        var tar = new TarBuilder().OldGnuSparseFile("box.img", 4096, (1024, "data"u8.ToArray())).Tar();

        // When
        Extract(tar);

        // Then
        var image = File.ReadAllBytes(Path.Combine(_target, "box.img"));
        Assert.That(image, Has.Length.EqualTo(4096));
        Assert.That(Encoding.ASCII.GetString(image, 1024, 4), Is.EqualTo("data"));
    }

    [Test]
    public void ASparseMap_ReachingPastTheRealSize_IsRefused()
    {
        // Given
        var tar = new TarBuilder().PaxSparseFile("box.img", 10, (8, "more than fits"u8.ToArray())).Tar();

        // When / Then
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(tar))!.Message, Does.Contain("sparse"));
    }

    [Test]
    public void ATruncatedArchive_IsRefused()
    {
        // Given
        var tar = BoxFixtures.LibvirtBox(imageBytes: 100_000).Tar();

        // When / Then
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(tar[..60_000]))!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void BytesThatAreNoArchive_AreRefused()
    {
        // Given
        var garbage = new byte[4096];
        new Random(3).NextBytes(garbage);

        // When / Then
        Assert.That(Assert.Throws<BoxArchiveException>(() => Extract(garbage))!.Message, Does.Contain("not a tar archive"));
    }

    [Test]
    public void AnEntryAppearingAsFileAndAsDirectory_IsRefused()
    {
        // Given
        var tar = new TarBuilder().File("a", "file").File("a/b", "below a file").Tar();

        // When / Then
        Assert.Throws<BoxArchiveException>(() => Extract(tar));
    }
}
