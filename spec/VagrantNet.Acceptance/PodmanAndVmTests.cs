using VagrantNet.Acceptance.Support;

namespace VagrantNet.Acceptance;

/// <summary>
/// A libvirt VM and a podman container on one private network: the container joins the libvirt network the VM's
/// <c>up</c> made (found by its subnet), so each reaches the other at its static address, and destroy leaves no
/// container, domain, volume or network. The VM is defined first: a project with a podman machine comes up one
/// machine at a time, in definition order. Needs the podman test image (<c>VNET_TEST_PODMAN_IMAGE</c>, set by
/// build.cake's TestBox task from boxes/podman-debian12/build.sh).
/// </summary>
[TestFixture]
[NonParallelizable]
public class PodmanAndVmTests : AcceptanceTest
{
    [Test]
    public void Vm_And_Container_On_One_Private_Network_Reach_Each_Other_And_Destroy_Leaves_Nothing()
    {
        var image = Environment.GetEnvironmentVariable("VNET_TEST_PODMAN_IMAGE");
        if (string.IsNullOrEmpty(image) || !File.Exists(image))
        {
            Assert.Fail("VNET_TEST_PODMAN_IMAGE names no image archive: run the acceptance tier with ./build.sh --target=Acceptance (TestBox builds it)");
        }

        // The host's podman settings for this kind of machine (runc, cgroupfs, lower rlimits), for this run only:
        // vnet and the podman it starts inherit CONTAINERS_CONF.
        var conf = Path.Combine(Project.Root, "containers.conf");
        Directory.CreateDirectory(Project.Root);
        File.WriteAllText(conf, """
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            """);
        Environment.SetEnvironmentVariable("CONTAINERS_CONF", conf);
        var vnet = InHostMounts();
        string? created = null;
        try
        {
            var project = NewProject("podvm", $$"""
                using VagrantNet.Providers.Podman;

                Vagrant.Configure(config =>
                {
                    config.Vm.Define("vm", m =>
                    {
                        m.Vm.Box = "vnet/debian12";
                        m.Vm.SyncedFolder(".", "/vagrant", disabled: true);
                        m.Vm.Network.PrivateNetwork(ip: "10.20.40.10");
                    });
                    config.Vm.Define("box", m =>
                    {
                        m.Vm.Network.PrivateNetwork(ip: "10.20.40.11");
                        m.Vm.Provider<PodmanConfig>((p, _) => p.ImageArchive = "{{image}}");
                    });
                });
                """);
            var dir = created = project.Directory;

            var up = vnet.Run(dir, "up").Ok();
            Assert.That(up.Stdout, Does.Contain("==> vm:").And.Contain("==> box:"));

            var vmToContainer = vnet.Run(dir, "ssh", "vm", "-c", "ping -c 2 -W 5 10.20.40.11");
            Assert.That(vmToContainer.ExitCode, Is.Zero, vmToContainer.Output);
            var containerToVm = vnet.Run(dir, "ssh", "box", "-c", "ping -c 2 -W 5 10.20.40.10");
            Assert.That(containerToVm.ExitCode, Is.Zero, containerToVm.Output);

            vnet.Run(dir, "destroy", "-f").Ok();
            Assert.That(Containers(dir), Is.Empty, "podman still holds a container of the project");
        }
        finally
        {
            // A failed run is cleaned up here, in the host's mounts: the common teardown could not remove a container.
            if (created is not null && TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
            {
                vnet.Run(created, "destroy", "-f");
            }

            Environment.SetEnvironmentVariable("CONTAINERS_CONF", null);
        }
    }

    /// <summary>
    /// vnet run with the host's mounts (and the test's network namespace): inside `ip netns exec` /sys is fresh and has no
    /// cgroup mounts, so runc cannot start a container. A user's vnet runs in the host's mounts anyway.
    /// </summary>
    private static Vnet InHostMounts()
    {
        var mounts = Environment.GetEnvironmentVariable("VNET_HOST_MOUNTS");
        Assert.That(mounts, Is.Not.Null.And.Not.Empty, "spec/hermetic/run-in-netns.sh sets VNET_HOST_MOUNTS");
        var wrapper = Path.Combine(Project.Root, "vnet-in-host-mounts");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec nsenter --mount={mounts} --wd=\"$PWD\" -- {Vnet.Binary} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Vnet(wrapper, Vnet.Home);
    }

    private static IReadOnlyList<string> Containers(string project)
    {
        var start = new System.Diagnostics.ProcessStartInfo("nsenter") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--mount=" + Environment.GetEnvironmentVariable("VNET_HOST_MOUNTS"), "--", "podman", "ps", "--all", "--quiet", "--filter", $"label=vnet.project={project}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
