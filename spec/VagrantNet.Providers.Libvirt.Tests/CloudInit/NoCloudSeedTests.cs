using System.Diagnostics;
using System.Text;
using VagrantNet.Providers.Libvirt.CloudInit;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt.Tests.CloudInit;

/// <summary>The NoCloud seed: what cloud-init reads from it, and the image genisoimage writes.</summary>
public class NoCloudSeedTests
{
    [Test]
    public void One_Cloud_Config_Part_Is_The_User_Data_With_Its_Header()
    {
        // Given, When
        var seed = NoCloudSeed.For([new CloudInitPart("packages: [curl]\n", null, "text/cloud-config")], "web-1", "web", _ => "");

        // Then
        Assert.That(seed.UserData, Is.EqualTo("#cloud-config\npackages: [curl]\n"));
        Assert.That(seed.MetaData, Is.EqualTo("instance-id: web-1\nlocal-hostname: web\n"));
    }

    [Test]
    public void Several_Parts_Become_A_Mime_Multipart_Document_In_Order()
    {
        // Given, When
        var seed = NoCloudSeed.For(
            [new CloudInitPart("#cloud-config\nruncmd: [touch /x]\n", null, "text/cloud-config"), new CloudInitPart(null, "boot.sh", "text/x-shellscript")],
            "db-1",
            "db",
            path => path == "boot.sh" ? "#!/bin/sh\necho booted\n" : throw new FileNotFoundException(path));

        // Then
        Assert.That(seed.UserData, Does.StartWith("Content-Type: multipart/mixed; boundary="));
        var config = seed.UserData.IndexOf("Content-Type: text/cloud-config", StringComparison.Ordinal);
        var script = seed.UserData.IndexOf("Content-Type: text/x-shellscript", StringComparison.Ordinal);
        Assert.That(config, Is.GreaterThan(0));
        Assert.That(script, Is.GreaterThan(config));
        Assert.That(seed.UserData, Does.Contain("#!/bin/sh\necho booted\n").And.EndsWith("--\n"));
    }

    [Test]
    public async Task The_Image_Is_Labelled_Cidata_And_Holds_Both_Files()
    {
        if (!File.Exists("/usr/bin/genisoimage") || !File.Exists("/usr/bin/isoinfo"))
        {
            Assert.Ignore("needs genisoimage (apt-get install genisoimage)");
        }

        // Given
        var seed = new NoCloudSeed("#cloud-config\nhostname: x\n", "instance-id: i-1\n");
        var iso = Path.Combine(Path.GetTempPath(), $"vnet-seed-test-{Guid.NewGuid():N}.iso");
        try
        {
            // When
            await seed.WriteIsoAsync(iso, "web", CancellationToken.None);

            // Then: the primary volume descriptor (sector 16) names the volume; Rock Ridge keeps the file names
            var bytes = await File.ReadAllBytesAsync(iso);
            Assert.That(Encoding.ASCII.GetString(bytes, (16 * 2048) + 40, 32).TrimEnd(), Is.EqualTo("cidata"));
            Assert.That(IsoFile(iso, "/user-data"), Is.EqualTo(seed.UserData));
            Assert.That(IsoFile(iso, "/meta-data"), Is.EqualTo(seed.MetaData));
        }
        finally
        {
            File.Delete(iso);
        }
    }

    private static string IsoFile(string iso, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("isoinfo", ["-R", "-i", iso, "-x", path]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
