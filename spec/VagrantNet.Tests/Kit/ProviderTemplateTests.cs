using System.Reflection;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Kit;

/// <summary>
/// The kit, end to end, as a third party meets it: the three packages packed into a local feed, the template installed
/// from its .nupkg into a hive of the test's own, a provider generated, restored from that feed and tested. Nothing
/// global changes: the CLI home, the template hive and the NuGet package folder are temporary.
/// </summary>
[Category("EndToEnd")]
public class ProviderTemplateTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("vnet-kit-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task AGeneratedProvider_BuildsAndPassesItsTests_FromThePackagesAlone()
    {
        // Given
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var hive = Path.Combine(_root, "hive");
        var dotnet = new DotnetCli(new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Directory.CreateDirectory(Path.Combine(_root, "cli-home")).FullName,
            // The packed VagrantNet.* land here, never in the machine's cache, where a stale copy would outlive a rebuild.
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(_root, "packages")).FullName,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
        var configuration = typeof(ProviderTemplateTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        foreach (var project in new[] { "src/VagrantNet.Sdk/VagrantNet.Sdk.csproj", "src/VagrantNet.Testing/VagrantNet.Testing.csproj", "templates/VagrantNet.Templates/VagrantNet.Templates.csproj" })
        {
            // Built with the tests (project references), so packing is only zipping.
            await dotnet.RunAsync(TestPaths.RepositoryRoot, "pack", project, "-c", configuration, "--no-build", "-o", feed);
        }

        var template = Directory.GetFiles(feed, "VagrantNet.Templates.*.nupkg").Single();
        await dotnet.RunAsync(_root, "new", "install", template, "--debug:custom-hive", hive);

        // When
        await dotnet.RunAsync(_root, "new", "vnet-provider", "-n", "Acme.Provider", "--providerName", "acme", "--debug:custom-hive", hive);
        var generated = Path.Combine(_root, "Acme.Provider");
        File.WriteAllText(Path.Combine(generated, "nuget.config"), NuGetConfig(feed));
        await dotnet.RunAsync(generated, "test", "tests/Acme.Provider.Tests");

        // Then
        var plugin = Path.Combine(generated, "src", "Acme.Provider", "bin", "Debug", "net10.0");
        Assert.That(Path.Combine(plugin, "Acme.Provider.dll"), Does.Exist);
        Assert.That(Path.Combine(plugin, "VagrantNet.Sdk.dll"), Does.Not.Exist, "vnet provides the SDK: a plugin that ships one is refused");
        Assert.That(Directory.GetDirectories(Path.Combine(_root, "packages")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "vagrantnet.sdk", "vagrantnet.testing" }), "everything else came from the machine's package folder");
    }

    /// <summary>
    /// The local feed for VagrantNet.* (and only there, so a same-named package elsewhere can never win), nuget.org for
    /// the rest, and the machine's package folder as a fallback, so that a warm machine restores without the network.
    /// </summary>
    private static string NuGetConfig(string feed)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="vnet-local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="vnet-local"><package pattern="VagrantNet.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }
}
