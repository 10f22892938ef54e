namespace VagrantNet.Core.Boxes;

/// <summary>What <c>vnet box add</c> was asked: where from and which box, with Vagrant's flags.</summary>
public sealed record BoxAddRequest(IReadOnlyList<string> Sources)
{
    /// <summary>The name to give a box added from a file or a direct URL (required there; checked against a catalog's).</summary>
    public string? Name { get; init; }

    /// <summary><c>--box-version</c>: a constraint such as <c>&gt;= 1.2, &lt; 2</c>.</summary>
    public string? VersionConstraint { get; init; }

    public string? Provider { get; init; }

    /// <summary><c>--architecture</c>; null takes the catalog's default architecture.</summary>
    public string? Architecture { get; init; } = BoxNames.DefaultArchitecture;

    public string? Checksum { get; init; }

    public string? ChecksumType { get; init; }

    /// <summary><c>--force</c>: replace an installed box with the same name, version, provider and architecture.</summary>
    public bool Force { get; init; }

    /// <summary><c>--clean</c>: throw away a partial download instead of resuming it.</summary>
    public bool Clean { get; init; }

    /// <summary><c>--insecure</c>: do not verify TLS certificates.</summary>
    public bool Insecure { get; init; }

    /// <summary><c>--cacert</c>: a PEM file of CA certificates to trust for the download.</summary>
    public string? CaCert { get; init; }

    /// <summary>When the box turns out to be installed already, return it instead of failing (as <c>up</c> does).</summary>
    public bool ReuseInstalled { get; init; }
}

/// <summary>Knobs of the download and lock machinery; tests shorten them.</summary>
public sealed record BoxAddSettings
{
    /// <summary>Attempts after the first for a transient network error; each resumes where the last stopped.</summary>
    /// <remarks>Three, 1 s apart doubling (7 s in all): enough for a server that restarts, short enough that a server
    /// that keeps failing (a 500 on every request) is reported in seconds, not after a minute of silence.</remarks>
    public int RetryAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a transfer may stall before it counts as a network error.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Where <c>org/name</c> shorthands are looked up; <c>VNET_SERVER_URL</c> by default.</summary>
    public string ServerUrl { get; init; } =
        System.Environment.GetEnvironmentVariable("VNET_SERVER_URL") is { Length: > 0 } url ? url : "https://vagrantcloud.com";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Bytes available to vnet on the file system holding a directory; tests make the disk small.</summary>
    public Func<string, long> FreeSpace { get; init; } = DiskSpace.Available;

    /// <summary>What downloads and unpacking leave free at least, so a big box cannot fill the disk to the last byte.</summary>
    public long FreeSpaceReserve { get; init; } = 256L << 20;
}

/// <summary>Free space as statvfs reports it to an unprivileged user.</summary>
public static class DiskSpace
{
    public static long Available(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        // On Unix DriveInfo takes any path and asks statvfs about the file system holding it.
        return new DriveInfo(existing).AvailableFreeSpace;
    }
}
