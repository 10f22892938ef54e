using System.Runtime.Loader;
using VagrantNet.Core.Plugins;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Plugins;

/// <summary>
/// The proof that plugins work end to end: a provider built under spec/SamplePlugin is loaded from disk,
/// a Vagrantfile.csx sets a typed property of its config, and the provider, in its own load context, reads it.
/// </summary>
[TestFixture]
public class SamplePluginTests
{
    [Test]
    public async Task Provider_In_The_Plugins_Load_Context_Reads_The_Value_The_Vagrantfile_Set()
    {
        // Given
        using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("TypedProvider.csx");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("quiet", "sample", CancellationToken.None);
        var state = await machine.Provider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(AssemblyLoadContext.GetLoadContext(machine.Provider.GetType().Assembly), Is.Not.SameAs(AssemblyLoadContext.Default));
        Assert.That(machine.Provider.GetType().FullName, Is.EqualTo("SamplePlugin.SampleProvider"));
        Assert.That(state.Id, Is.EqualTo("greeting"));
        Assert.That(state.ShortDescription, Is.EqualTo("hi (volume unset)"));
    }

    [Test]
    public async Task Provider_Sees_The_Machines_Own_Provider_Block_Merged_Over_The_Projects()
    {
        // Given
        using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("TypedProvider.csx");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("loud", "sample", CancellationToken.None);
        var state = await machine.Provider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(state.ShortDescription, Is.EqualTo("hi (volume 11)"));
    }

    [Test]
    public async Task Provider_Sees_Its_Own_Default_When_The_Vagrantfile_Sets_Nothing()
    {
        // Given
        using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("Minimal.csx");
        await using var environment = await project.LoadEnvironmentAsync();

        // When
        var machine = await environment.MachineAsync("default", null, CancellationToken.None);
        var state = await machine.Provider.StateAsync(CancellationToken.None);

        // Then
        Assert.That(machine.ProviderName, Is.EqualTo("sample"));
        Assert.That(state.ShortDescription, Is.EqualTo("hello (volume unset)"));
    }

    [Test]
    public async Task Script_And_Provider_Share_One_Config_Type()
    {
        // Given
        using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("TypedProvider.csx");

        // When
        await using var environment = await project.LoadEnvironmentAsync();
        var machine = await environment.MachineAsync("quiet", "sample", CancellationToken.None);

        // Then
        var plugin = environment.Plugins.Loaded.Single();
        Assert.That(machine.ProviderConfig.GetType().Assembly, Is.SameAs(plugin.Assembly));
        Assert.That(environment.Registry.Providers["sample"].ConfigType, Is.SameAs(machine.ProviderConfig.GetType()));
    }

    [Test]
    public void Environment_Refuses_To_Load_With_A_Plugin_Built_For_Another_Sdk()
    {
        // Given
        using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("Minimal.csx");
        File.Copy(typeof(VagrantNet.Sdk.Vagrant).Assembly.Location, Path.Combine(project.Paths.Plugins, "SamplePlugin", "VagrantNet.Sdk.dll"));

        // When
        var error = Assert.ThrowsAsync<PluginLoadException>(project.LoadEnvironmentAsync);

        // Then
        Assert.That(error!.Message, Does.Contain("SamplePlugin.dll ships its own copy of VagrantNet.Sdk"));
    }
}
