using VagrantNet.Providers.Libvirt.CloudInit;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;
using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.CloudInit;

/// <summary>The NoCloud seed: what cloud-init reads from it, and how genisoimage is asked to write its image (the image a guest boots with is the acceptance tier's).</summary>
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
    public async Task The_Image_Is_Written_By_Genisoimage_Labelled_Cidata_From_Both_Files()
    {
        // Given
        var seed = new NoCloudSeed("#cloud-config\nhostname: x\n", "instance-id: i-1\n");
        var staged = new Dictionary<string, string>();
        var genisoimage = new FakeProcessRunner((request, _) =>
        {
            foreach (var file in request.Arguments.TakeLast(2))
            {
                staged[Path.GetFileName(file)] = File.ReadAllText(file);
            }

            return Task.FromResult(new ProcessResult(0, string.Empty, string.Empty));
        });

        // When
        await seed.WriteIsoAsync(genisoimage, "/tmp/seed.iso", "web", CancellationToken.None);

        // Then
        var request = genisoimage.Requests.Single();
        Assert.That(request.Program, Is.EqualTo("genisoimage"));
        Assert.That(request.Arguments.SkipLast(2), Is.EqualTo(new[] { "-quiet", "-output", "/tmp/seed.iso", "-volid", "cidata", "-joliet", "-rock" }));
        Assert.That(staged, Is.EqualTo(new Dictionary<string, string> { ["user-data"] = seed.UserData, ["meta-data"] = seed.MetaData }));
        Assert.That(Directory.Exists(Path.GetDirectoryName(request.Arguments[^1])), Is.False, "the staging directory is removed");
    }

    [Test]
    public void A_Failing_Genisoimage_Is_Reported_With_The_Machine_And_Its_Error()
    {
        // Given
        var genisoimage = new FakeProcessRunner((_, _) => Task.FromResult(new ProcessResult(1, string.Empty, "genisoimage: No space left on device\n")));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => new NoCloudSeed("u", "m").WriteIsoAsync(genisoimage, "/tmp/seed.iso", "web", CancellationToken.None));

        // Then
        Assert.That(error!.Message, Is.EqualTo("Machine 'web': genisoimage could not write the cloud-init seed (exit 1): genisoimage: No space left on device"));
    }

    [Test]
    public void Without_Genisoimage_The_Error_Says_How_To_Install_It()
    {
        // Given
        var missing = new FakeProcessRunner((request, _) => throw new HostProgramMissingException(request.Program, new System.ComponentModel.Win32Exception(2)));

        // When
        var error = Assert.ThrowsAsync<LibvirtProviderException>(() => new NoCloudSeed("u", "m").WriteIsoAsync(missing, "/tmp/seed.iso", "web", CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.StartWith("Machine 'web': config.Vm.CloudInit needs genisoimage on this host").And.Contain("apt-get install genisoimage"));
    }
}
