namespace VagrantNet.Scripting;

/// <summary>A compiled Vagrantfile.csx: the assembly image (with its PDB embedded) and every source file it read.</summary>
public sealed record CompiledScript(byte[] Image, IReadOnlyList<ScriptSource> Sources);

/// <summary>A source file of a script (the main file or a <c>#load</c>ed one) and the hash of its text.</summary>
public sealed record ScriptSource(string Path, string Hash);
