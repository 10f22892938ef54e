using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.BadInput;

/// <summary>
/// The one outcome every bad-input case must have: exit 1, a message on stderr that names what is wrong,
/// no stack trace or "unexpected error", no raw control characters, and nothing written outside the
/// places the case allows (the project and VNET_HOME, or less).
/// </summary>
internal static class BadInputOutcome
{
    private static readonly string[] TraceMarkers = ["   at ", "Exception:", "unexpected error", "--- End of", "IO_", "Arg_"];

    /// <summary>Asserts the run refused the input cleanly and its message contains every one of <paramref name="names"/>.</summary>
    public static void AssertRefused(VnetRun run, params string[] names)
    {
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var all = run.Stdout + run.Stderr;
        foreach (var marker in TraceMarkers)
        {
            Assert.That(all, Does.Not.Contain(marker), $"a user error shows no trace or resource key ('{marker}'){System.Environment.NewLine}{run}");
        }

        Assert.That(all.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), Is.False, $"no raw control characters reach the terminal{System.Environment.NewLine}{run}");
        foreach (var name in names)
        {
            Assert.That(all, Does.Contain(name), $"the message names '{name}'{System.Environment.NewLine}{run}");
        }
    }

    /// <summary>A listing of every file and directory under <paramref name="root"/> (relative path, size, mode), to compare before and after.</summary>
    public static IReadOnlyList<string> Snapshot(string root) =>
        Directory.Exists(root)
            ? [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Order(StringComparer.Ordinal)
                .Select(p => $"{Path.GetRelativePath(root, p)} {(new FileInfo(p).LinkTarget is { } link ? $"-> {link}" : $"{(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetUnixFileMode(p)}")}")]
            : [];
}
