using System.Diagnostics;
using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// The real-VM tier: needs the test box (<c>VNET_TEST_BOX</c>, built by boxes/debian12/build.sh) and a hermetic
/// libvirtd in a network namespace (<c>VNET_NETNS</c>, made by spec/hermetic/run-in-netns.sh, which also runs
/// this test host inside it). The box is added once to a VNET_HOME shared by the tier.
/// </summary>
[SetUpFixture]
public sealed class AcceptanceSetup
{
    internal static Vnet Vnet { get; private set; } = null!;

    internal static string BoxName => "vnet/debian12";

    private static string? _home;

    [OneTimeSetUp]
    public void AddTestBox()
    {
        var box = Environment.GetEnvironmentVariable("VNET_TEST_BOX");
        var netns = Environment.GetEnvironmentVariable("VNET_NETNS");
        if (string.IsNullOrEmpty(box) || string.IsNullOrEmpty(netns))
        {
            var why = "the acceptance tier needs VNET_TEST_BOX and VNET_NETNS: run it with ./build.sh --target=Acceptance";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        var root = RepoRoot();
        var binary = Environment.GetEnvironmentVariable("VNET_BIN") ?? Path.Combine(root, "artifacts", "vnet", "vnet");
        _home = Path.Combine(Path.GetTempPath(), "vnet-acc-home-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(_home);
        // Inside the test namespace there is no network: the key comes from outside (build.cake fetches it).
        var key = Environment.GetEnvironmentVariable("VNET_INSECURE_KEY") is { Length: > 0 } given && File.Exists(given)
            ? given
            : Run("bash", Path.Combine(root, "boxes", "insecure-key.sh"), Path.Combine(_home, "keys")).Trim().Split('\n')[^1];
        File.Copy(key, Path.Combine(_home, "insecure_private_key"));
        Vnet = new Vnet(binary, _home);
        Vnet.Run(_home, "box", "add", "--name", BoxName, box!).Ok();

        // A box image volume left by an earlier run may hold an older build of the box under the same name.
        DeleteBoxImageVolume();
        RemoveLeftoversOfKilledRuns();
        NetworksAtStart = Libvirt.Networks().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The networks libvirt had when the tier started (after the sweep): the host's, not any test's.</summary>
    internal static IReadOnlySet<string> NetworksAtStart { get; private set; } = new HashSet<string>();

    /// <summary>
    /// A run killed before its harness stopped (a CI timeout, a lost session) leaves what its tests made in libvirt's
    /// persistent configuration, and every later run would find a management network that no test of its own made.
    /// No test runs yet, so whatever carries the owner tag of a test project, or a test project's name, is such a
    /// leftover; nothing else is touched.
    /// </summary>
    private static void RemoveLeftoversOfKilledRuns()
    {
        bool IsTests(string xml) => Libvirt.OwnerProject(xml)?.StartsWith(Project.Root + "/", StringComparison.Ordinal) == true;

        foreach (var domain in Libvirt.Domains())
        {
            if (domain.StartsWith(Project.NamePrefix, StringComparison.Ordinal) || IsTests(Libvirt.Virsh($"dumpxml {domain}")))
            {
                TestContext.Progress.WriteLine($"removing domain {domain}, left by a killed earlier run");
                Libvirt.Virsh($"destroy {domain}");
                Libvirt.Virsh($"undefine --managed-save --snapshots-metadata --nvram {domain}");
            }
        }

        foreach (var network in Libvirt.Networks())
        {
            if (IsTests(Libvirt.Virsh($"net-dumpxml {network}")))
            {
                TestContext.Progress.WriteLine($"removing network {network}, left by a killed earlier run");
                Libvirt.Virsh($"net-destroy {network}");
                Libvirt.Virsh($"net-undefine {network}");
            }
        }

        foreach (var volume in Libvirt.Volumes().Where(v => v.StartsWith(Project.NamePrefix, StringComparison.Ordinal)))
        {
            TestContext.Progress.WriteLine($"removing volume {volume}, left by a killed earlier run");
            Libvirt.Virsh($"vol-delete --pool default {volume}");
        }
    }

    [OneTimeTearDown]
    public void RemoveHome()
    {
        // NUnit tears down even when set-up was skipped: touch libvirt only if this run set it up,
        // or an unrelated `dotnet test` would delete the box image under a running acceptance run.
        if (_home is null)
        {
            return;
        }

        DeleteBoxImageVolume();
        if (_home is not null && Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static void DeleteBoxImageVolume()
    {
        foreach (var volume in Libvirt.Volumes().Where(v => v.StartsWith("vnet-VAGRANTSLASH-debian12_vagrant_box_image_", StringComparison.Ordinal)))
        {
            Libvirt.Virsh($"vol-delete --pool default {volume}");
        }
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VagrantNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root");
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', args)} failed");
        return output;
    }
}
