using VagrantNet.Sdk.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Guests;

/// <summary>Linux guest detection and the read-only or user-level capabilities, against this host through the local sshd.</summary>
[TestFixture]
[NonParallelizable]
public class LinuxGuestTests : LocalSshFixture
{
    [Test]
    public async Task Detect_FindsTheMostSpecificFamily_InOneRoundTrip()
    {
        // Given
        var osRelease = File.Exists("/etc/os-release") ? await File.ReadAllTextAsync("/etc/os-release") : string.Empty;
        var expected = osRelease.Contains("ID=ubuntu", StringComparison.Ordinal) ? "ubuntu" : osRelease.Contains("ID=debian", StringComparison.Ordinal) ? "debian" : null;
        if (expected is null)
        {
            Assert.Ignore("This check expects a Debian or Ubuntu host.");
        }

        var before = Machine.CapturingLogger.Messages.Count(m => m.StartsWith("ssh exec:", StringComparison.Ordinal));

        // When
        var guest = await Machine.Guest.DetectAsync(CancellationToken.None);

        // Then
        Assert.That(guest, Is.EqualTo(expected));
        Assert.That(Machine.CapturingLogger.Messages.Count(m => m.StartsWith("ssh exec:", StringComparison.Ordinal)) - before, Is.EqualTo(1));
    }

    [Test]
    public async Task InsertAndRemovePublicKey_EditAuthorizedKeys_WithoutDuplicates()
    {
        // Given
        var extra = Server.PublicKey(Server.GenerateKey("extra", "ed25519"));

        // When
        await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.InsertPublicKey, extra, CancellationToken.None);
        await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.InsertPublicKey, extra, CancellationToken.None);
        var inserted = Server.AuthorizedKeys;
        await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RemovePublicKey, extra.Split(' ')[0] + " " + extra.Split(' ')[1] + " another-comment", CancellationToken.None);

        // Then
        Assert.That(inserted.Split('\n').Count(l => l == extra), Is.EqualTo(1));
        Assert.That(Server.AuthorizedKeys, Does.Not.Contain(extra.Split(' ')[1]));
        Assert.That(Server.AuthorizedKeys, Does.Contain(Server.PublicKey(Server.ClientKey)));
    }

    [Test]
    public async Task ShellExpandGuestPath_ExpandsTheTilde_ToTheLoginUsersHome()
    {
        // When
        var expanded = await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ShellExpandGuestPath, "~/a/b", CancellationToken.None);
        var root = await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ShellExpandGuestPath, "~root", CancellationToken.None);
        var plain = await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ShellExpandGuestPath, "/etc/x", CancellationToken.None);

        // Then
        Assert.That(expanded, Is.EqualTo(Server.Home + "/a/b"));
        Assert.That(root, Is.EqualTo("/root"));
        Assert.That(plain, Is.EqualTo("/etc/x"));
    }

    [Test]
    public async Task RsyncInstalled_ReportsWhetherTheGuestHasRsync()
    {
        // When
        var installed = await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RsyncInstalled, CancellationToken.None);

        // Then
        Assert.That(installed, Is.EqualTo(File.Exists("/usr/bin/rsync")));
    }

    [Test]
    public async Task NetworkInterfaces_ListsPhysicalNicsWithTheirMacs()
    {
        // When
        var interfaces = await Machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.NetworkInterfaces, CancellationToken.None);

        // Then
        var expected = Directory.GetDirectories("/sys/class/net").Where(d => Directory.Exists(Path.Combine(d, "device"))).Select(Path.GetFileName).ToList();
        Assert.That(interfaces.Select(i => i.Name), Is.EquivalentTo(expected));
        Assert.That(interfaces.All(i => i.Mac is { Length: 17 }), Is.True);
    }
}
