namespace VagrantNet.Tests.Support;

/// <summary>Files the build copies beside the tests: Vagrantfile fixtures and the sample plugin.</summary>
internal static class TestPaths
{
    public static string Output => TestContext.CurrentContext.TestDirectory;

    /// <summary>A fixture under <c>Fixtures/Vagrantfiles/</c>.</summary>
    public static string Vagrantfile(string name) => Path.Combine(Output, "Fixtures", "Vagrantfiles", name);

    /// <summary>The sample plugin's build output (spec/SamplePlugin), copied here by the test project.</summary>
    public static string SamplePluginOutput => Path.Combine(Output, "sample-plugin");

    /// <summary>The repository the tests were built from: they run from spec/VagrantNet.Tests/bin/CONFIG/net10.0.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(Output); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "VagrantNet.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No VagrantNet.sln above {Output}.");
        }
    }

    /// <summary>The <c>vnet</c> entry assembly built with the tests.</summary>
    public static string VnetDll => Path.Combine(Output, "vnet.dll");

    /// <summary>The libvirt provider plugin's build output, copied here by the test project.</summary>
    public static string LibvirtPluginOutput => Path.Combine(Output, "libvirt-plugin");

    /// <summary>Copies the libvirt plugin into <c><paramref name="pluginsDirectory"/>/VagrantNet.Providers.Libvirt/</c> and returns that directory.</summary>
    public static string InstallLibvirtPlugin(string pluginsDirectory)
    {
        var target = Directory.CreateDirectory(Path.Combine(pluginsDirectory, "VagrantNet.Providers.Libvirt")).FullName;
        foreach (var file in Directory.GetFiles(LibvirtPluginOutput))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return target;
    }

    /// <summary>Copies the sample plugin into <c><paramref name="pluginsDirectory"/>/SamplePlugin/</c> and returns that directory.</summary>
    public static string InstallSamplePlugin(string pluginsDirectory)
    {
        var target = Directory.CreateDirectory(Path.Combine(pluginsDirectory, "SamplePlugin")).FullName;
        foreach (var file in Directory.GetFiles(SamplePluginOutput))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return target;
    }
}
