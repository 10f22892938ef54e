using VagrantNet.Scripting;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Scripting;

/// <summary>The compiled-script cache: keyed by every source's text, the SDK build and the plugin set.</summary>
[TestFixture]
public class CompiledScriptCacheTests
{
    private const string Main = """
        #load "box.csx"

        Vagrant.Configure(config => config.Vm.Box = BoxName);
        """;

    private static async Task<string?> BoxOfAsync(ScriptEvaluator evaluator, string path)
    {
        var config = new RootConfig();
        foreach (var block in await evaluator.EvaluateAsync(path, CancellationToken.None))
        {
            block(config);
        }

        return config.Vm.Box;
    }

    public class TheEvaluateAsyncMethod
    {
        [Test]
        public async Task Should_Compile_On_A_Miss_And_Reuse_The_Image_On_A_Hit()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfileText(Main).WithFile("box.csx", "const string BoxName = \"one\";");
            var first = project.CreateEvaluator();
            var second = project.CreateEvaluator();

            // When
            var box1 = await BoxOfAsync(first, project.VagrantfilePath);
            var box2 = await BoxOfAsync(second, project.VagrantfilePath);

            // Then
            Assert.That(first.Compilations, Is.EqualTo(1));
            Assert.That(second.Compilations, Is.Zero);
            Assert.That((box1, box2), Is.EqualTo(("one", "one")));
        }

        [Test]
        public async Task Should_Recompile_When_The_Main_File_Changes()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"one\");");
            await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
            project.WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"two\");");
            var evaluator = project.CreateEvaluator();

            // When
            var box = await BoxOfAsync(evaluator, project.VagrantfilePath);

            // Then
            Assert.That(evaluator.Compilations, Is.EqualTo(1));
            Assert.That(box, Is.EqualTo("two"));
        }

        [Test]
        public async Task Should_Recompile_When_A_Loaded_File_Changes()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfileText(Main).WithFile("box.csx", "const string BoxName = \"one\";");
            await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
            project.WithFile("box.csx", "const string BoxName = \"two\";");
            var evaluator = project.CreateEvaluator();

            // When
            var box = await BoxOfAsync(evaluator, project.VagrantfilePath);

            // Then
            Assert.That(evaluator.Compilations, Is.EqualTo(1));
            Assert.That(box, Is.EqualTo("two"));
        }

        [Test]
        public async Task Should_Miss_When_The_Plugin_Set_Differs()
        {
            // Given
            using var project = new ProjectFixture().WithSamplePlugin().WithVagrantfile("Minimal.csx");
            var (plugins, _) = project.LoadPlugins();
            await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
            var withPlugin = project.CreateEvaluator([.. plugins.Loaded.Select(p => p.Assembly)]);

            // When
            await BoxOfAsync(withPlugin, project.VagrantfilePath);

            // Then
            Assert.That(withPlugin.Compilations, Is.EqualTo(1));
        }

        [Test]
        public async Task Should_Recompile_When_The_Cached_Manifest_Is_Corrupt()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
            await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
            foreach (var manifest in Directory.GetFiles(project.Paths.ScriptCache, "manifest.txt", SearchOption.AllDirectories))
            {
                File.WriteAllText(manifest, "{ \"not\": \"a manifest\" }");
            }

            var evaluator = project.CreateEvaluator();

            // When
            var box = await BoxOfAsync(evaluator, project.VagrantfilePath);

            // Then
            Assert.That(evaluator.Compilations, Is.EqualTo(1));
            Assert.That(box, Is.EqualTo("vnet/debian12"));
        }

        [Test]
        public async Task Should_Evaluate_Twice_In_One_Evaluator_With_One_Compilation()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
            var evaluator = project.CreateEvaluator();

            // When
            await BoxOfAsync(evaluator, project.VagrantfilePath);
            var box = await BoxOfAsync(evaluator, project.VagrantfilePath);

            // Then
            Assert.That(evaluator.Compilations, Is.EqualTo(1));
            Assert.That(box, Is.EqualTo("vnet/debian12"));
        }
    }

    public class TheStoreMethod
    {
        [Test]
        public async Task Should_List_Every_Source_The_Compile_Read_With_Its_Hash()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfileText(Main).WithFile("box.csx", "const string BoxName = \"one\";");

            // When
            await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);

            // Then
            var manifest = Directory.GetFiles(project.Paths.ScriptCache, "manifest.txt", SearchOption.AllDirectories).Single();
            var box = Path.Combine(project.ProjectDirectory, "box.csx");
            Assert.That(File.ReadAllLines(manifest).Skip(1), Is.EquivalentTo(new[]
            {
                $"{CompiledScriptCache.HashFile(project.VagrantfilePath)} {project.VagrantfilePath}",
                $"{CompiledScriptCache.HashFile(box)} {box}",
            }));
        }
    }

    public class TheTryGetMethod
    {
        [Test]
        public void Should_Miss_For_Another_Fingerprint_And_Hit_For_The_Stored_One()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
            var cache = new CompiledScriptCache(project.Paths.ScriptCache);
            cache.Store(project.VagrantfilePath, "fingerprint-a", new CompiledScript([1, 2, 3], [new ScriptSource(project.VagrantfilePath, CompiledScriptCache.HashFile(project.VagrantfilePath))]));

            // When
            var hit = cache.TryGet(project.VagrantfilePath, "fingerprint-a");
            var miss = cache.TryGet(project.VagrantfilePath, "fingerprint-b");

            // Then
            Assert.That(hit?.Image, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(miss, Is.Null);
        }

        [Test]
        public void Should_Miss_When_A_Listed_Source_Was_Deleted()
        {
            // Given
            using var project = new ProjectFixture().WithVagrantfile("Minimal.csx").WithFile("gone.csx", "// soon deleted");
            var gone = Path.Combine(project.ProjectDirectory, "gone.csx");
            var cache = new CompiledScriptCache(project.Paths.ScriptCache);
            cache.Store(project.VagrantfilePath, "f", new CompiledScript([1], [new ScriptSource(project.VagrantfilePath, CompiledScriptCache.HashFile(project.VagrantfilePath)), new ScriptSource(gone, CompiledScriptCache.HashFile(gone))]));
            File.Delete(gone);

            // When
            var result = cache.TryGet(project.VagrantfilePath, "f");

            // Then
            Assert.That(result, Is.Null);
        }
    }
}

/// <summary>What the cache trusts: only entries it wrote, for this script, unchanged, and readable by the user alone.</summary>
[TestFixture]
public class CompiledScriptCacheIntegrityTests
{
    private const string Secret = "Vagrant.Configure(config => config.Vm.Box = \"token-s3cr3t\");";

    private static async Task<string?> BoxOfAsync(ScriptEvaluator evaluator, string path)
    {
        var config = new RootConfig();
        foreach (var block in await evaluator.EvaluateAsync(path, CancellationToken.None))
        {
            block(config);
        }

        return config.Vm.Box;
    }

    private static string Entry(ProjectFixture project) => Directory.GetDirectories(project.Paths.ScriptCache).Single();

    [Test]
    public async Task Should_Write_Entries_Readable_By_The_User_Alone_Even_In_A_Cache_Made_World_Readable()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfileText(Secret);
        Directory.CreateDirectory(project.Paths.ScriptCache);
        File.SetUnixFileMode(project.Paths.ScriptCache, (UnixFileMode)0b111_101_101);

        // When
        await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);

        // Then
        var entry = Entry(project);
        Assert.That(File.GetUnixFileMode(project.Paths.ScriptCache), Is.EqualTo((UnixFileMode)0b111_000_000));
        Assert.That(File.GetUnixFileMode(entry), Is.EqualTo((UnixFileMode)0b111_000_000));
        Assert.That(Directory.GetFiles(entry).Select(f => (Path.GetFileName(f), File.GetUnixFileMode(f))), Is.EquivalentTo(new[]
        {
            ("manifest.txt", (UnixFileMode)0b110_000_000),
            ("script.dll", (UnixFileMode)0b110_000_000),
        }));
    }

    [Test]
    public async Task Should_Recompile_Instead_Of_Running_A_Script_Dll_Swapped_In_From_Another_Project()
    {
        // Given
        using var other = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"other\");");
        using var project = new ProjectFixture().WithVagrantfileText("Vagrant.Configure(config => config.Vm.Box = \"mine\");");
        await BoxOfAsync(other.CreateEvaluator(), other.VagrantfilePath);
        await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
        File.Copy(Path.Combine(Entry(other), "script.dll"), Path.Combine(Entry(project), "script.dll"), overwrite: true);
        var evaluator = project.CreateEvaluator();

        // When
        var box = await BoxOfAsync(evaluator, project.VagrantfilePath);

        // Then
        Assert.That(box, Is.EqualTo("mine"));
        Assert.That(evaluator.Compilations, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_Recompile_And_Overwrite_A_Corrupt_Script_Dll()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx");
        await BoxOfAsync(project.CreateEvaluator(), project.VagrantfilePath);
        var image = Path.Combine(Entry(project), "script.dll");
        File.WriteAllBytes(image, [0x4d, 0x5a, 0, 1, 2, 3]);
        var evaluator = project.CreateEvaluator();
        var after = project.CreateEvaluator();

        // When
        var box = await BoxOfAsync(evaluator, project.VagrantfilePath);
        var again = await BoxOfAsync(after, project.VagrantfilePath);

        // Then
        Assert.That((box, again), Is.EqualTo(("vnet/debian12", "vnet/debian12")));
        Assert.That(evaluator.Compilations, Is.EqualTo(1));
        Assert.That(after.Compilations, Is.Zero, "the overwritten entry is a hit again");
    }

    [Test]
    public void Should_Miss_For_An_Entry_Whose_Manifest_Was_Written_For_Another_Script()
    {
        // Given
        using var project = new ProjectFixture().WithVagrantfile("Minimal.csx").WithFile("other.csx", "// another script");
        var other = Path.Combine(project.ProjectDirectory, "other.csx");
        var cache = new CompiledScriptCache(project.Paths.ScriptCache);
        cache.Store(other, "f", new CompiledScript([1], [new ScriptSource(project.VagrantfilePath, CompiledScriptCache.HashFile(project.VagrantfilePath))]));
        cache.Store(project.VagrantfilePath, "f", new CompiledScript([2], [new ScriptSource(project.VagrantfilePath, CompiledScriptCache.HashFile(project.VagrantfilePath))]));
        var entries = Directory.GetDirectories(project.Paths.ScriptCache);
        var mine = entries.Single(e => File.ReadAllBytes(Path.Combine(e, "script.dll"))[0] == 2);
        var theirs = entries.Single(e => e != mine);
        File.Copy(Path.Combine(theirs, "manifest.txt"), Path.Combine(mine, "manifest.txt"), overwrite: true);
        File.Copy(Path.Combine(theirs, "script.dll"), Path.Combine(mine, "script.dll"), overwrite: true);

        // When
        var result = cache.TryGet(project.VagrantfilePath, "f");

        // Then
        Assert.That(result, Is.Null);
    }
}
