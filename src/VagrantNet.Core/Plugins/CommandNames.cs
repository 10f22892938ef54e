namespace VagrantNet.Core.Plugins;

/// <summary>What a command's name may be: one word a shell passes through unquoted and completion can offer.</summary>
internal static class CommandNames
{
    public static bool IsValid(string name) =>
        name.Length > 0 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
