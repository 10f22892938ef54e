using VagrantNet.Core.Provisioners;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Provisioners;

[TestFixture]
[NonParallelizable]
public class FileProvisionerTests : LocalSshFixture
{
    [TearDown]
    public void RemoveUploads()
    {
        var target = Path.Combine(Server.Home, "file-provisioner");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Test]
    public async Task AFile_GoesToTheDestination_WithTildeExpandedInTheGuest_AndParentsCreated()
    {
        // Given
        await File.WriteAllTextAsync(Path.Combine(Machine.ProjectDirectory, "app.conf"), "port=80\n");
        var definition = new ProvisionConfig().File("app.conf", "~/file-provisioner/etc/app.conf");

        // When
        await new FileProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(await File.ReadAllTextAsync(Path.Combine(Server.Home, "file-provisioner", "etc", "app.conf")), Is.EqualTo("port=80\n"));
    }

    [Test]
    public async Task ADirectory_HasItsContentsCopiedIntoTheDestination()
    {
        // Given
        var source = Path.Combine(Machine.ProjectDirectory, "site");
        Directory.CreateDirectory(Path.Combine(source, "css"));
        await File.WriteAllTextAsync(Path.Combine(source, "index.html"), "<h1>hi</h1>");
        await File.WriteAllTextAsync(Path.Combine(source, "css", "main.css"), "body{}");
        var definition = new ProvisionConfig().File(source, "~/file-provisioner/www");

        // When
        await new FileProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        var www = Path.Combine(Server.Home, "file-provisioner", "www");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(www, "index.html")), Is.EqualTo("<h1>hi</h1>"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(www, "css", "main.css")), Is.EqualTo("body{}"));
    }
}
