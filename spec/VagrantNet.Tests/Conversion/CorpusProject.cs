using System.Runtime.CompilerServices;

namespace VagrantNet.Tests.Conversion;

/// <summary>
/// The corpus of Ruby Vagrantfiles (Corpus/NAME.rb) and the project each stands in: the files its first line
/// <c># corpus-files: a/ b.sh</c> names (a trailing slash makes a directory), made in the project directory so both
/// Vagrant and vnet find what the Vagrantfile refers to. A file's contents, where the case needs them (a YAML machine
/// list), are in Corpus/NAME.files/; others hold a placeholder line.
/// </summary>
internal static class CorpusProject
{
    public static string SourceDirectory() => Beside();

    // The caller's file is this one only when called from here: callers elsewhere get the corpus through SourceDirectory().
    private static string Beside([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Corpus");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(SourceDirectory(), "*.rb").Select(Path.GetFileNameWithoutExtension).Order().Cast<string>();

    public static Task<string> RubyOfAsync(string name) => File.ReadAllTextAsync(Path.Combine(SourceDirectory(), name + ".rb"));

    public static async Task CreateAsync(string name, string directory, string ruby)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in FilesOf(ruby))
        {
            var path = Path.Combine(directory, file);
            Directory.CreateDirectory(file.EndsWith('/') ? path : Path.GetDirectoryName(path)!);
            if (!file.EndsWith('/'))
            {
                var contents = Path.Combine(SourceDirectory(), name + ".files", file);
                await File.WriteAllTextAsync(path, File.Exists(contents) ? await File.ReadAllTextAsync(contents) : "corpus\n");
            }
        }
    }

    private static string[] FilesOf(string ruby) =>
        ruby.StartsWith("# corpus-files:", StringComparison.Ordinal)
            ? ruby[15..ruby.IndexOf('\n')].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
}
