using System.Runtime;

namespace VagrantNet.Scripting;

/// <summary>
/// Multi-core JIT for the script compiler. A cold compile spends most of its time JIT-compiling Roslyn: about 3,000
/// generic instantiations that ReadyToRun cannot precompile, since they mix Roslyn's types with the framework's
/// collections. The runtime records which methods a compile JIT-compiled and, on the next compile, compiles them on
/// another core ahead of the thread that needs them. The profile lives in <c>$VNET_HOME/cache/jit</c>; a new home
/// starts from the profile vnet ships beside its binary (recorded when it was published), so even the first compile
/// on a machine gains.
/// </summary>
public static class CompilerJitProfile
{
    public const string FileName = "compile.jitprofile";

    private static int _started;

    /// <summary>Starts recording (and playing back) once per process; later calls do nothing.</summary>
    public static void Start(string directory)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        if (!Prepare(directory, AppContext.BaseDirectory))
        {
            return;
        }

        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(FileName);
    }

    /// <summary>
    /// Makes <paramref name="directory"/> and, when it holds no profile yet, copies the one shipped in
    /// <paramref name="shippedDirectory"/>. False when the directory cannot be used: the compile then goes without.
    /// </summary>
    internal static bool Prepare(string directory, string shippedDirectory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var profile = Path.Combine(directory, FileName);
            var shipped = Path.Combine(shippedDirectory, FileName);
            if (!File.Exists(profile) && File.Exists(shipped))
            {
                File.Copy(shipped, profile);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
