using VagrantNet.Sdk.Config;

namespace VagrantNet.Sdk;

/// <summary>The entry point of a Vagrantfile.csx: <c>Vagrant.Configure(config =&gt; ...)</c>.</summary>
public static class Vagrant
{
    private static readonly AsyncLocal<List<Action<RootConfig>>?> Capture = new();

    /// <summary>Records a configuration block; the loader applies the blocks of each file in order.</summary>
    public static void Configure(Action<RootConfig> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var sink = Capture.Value
            ?? throw new InvalidOperationException("Vagrant.Configure can only be called while vnet loads a Vagrantfile.csx.");
        sink.Add(configure);
    }

    /// <summary>Vagrant's versioned form; only version "2" exists.</summary>
    public static void Configure(string version, Action<RootConfig> configure)
    {
        if (version != "2")
        {
            throw new ConfigurationException($"Vagrant.Configure(\"{version}\"): only configuration version \"2\" is supported.");
        }

        Configure(configure);
    }

    /// <summary>Runs <paramref name="script"/> and returns the blocks it configured. For script hosts.</summary>
    public static async Task<IReadOnlyList<Action<RootConfig>>> CaptureAsync(Func<Task> script)
    {
        var previous = Capture.Value;
        var sink = new List<Action<RootConfig>>();
        Capture.Value = sink;
        try
        {
            await script().ConfigureAwait(false);
            return sink;
        }
        finally
        {
            Capture.Value = previous;
        }
    }
}
