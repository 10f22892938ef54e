using System.Diagnostics;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>Turns an exception thrown by script code into a message that names the script file and line.</summary>
public static class ScriptErrorLocator
{
    /// <summary>Runs <paramref name="block"/>; an exception from it becomes a <see cref="VnetException"/> pointing at the script line.</summary>
    /// <remarks>With <paramref name="machine"/>, the block configures that machine (its Define or provider block) and the message names it.</remarks>
    public static void Run(Action block, string scriptPath, string? machine = null)
    {
        var prefix = machine is null ? string.Empty : $"machine {UserText.Quote(machine)}: ";
        try
        {
            block();
        }
        catch (ConfigurationException e)
        {
            throw new VnetException(Describe(e, scriptPath, prefix + e.Message), e);
        }
        catch (Exception e) when (e is not VnetException)
        {
            throw new VnetException(Describe(e, scriptPath, $"{prefix}{e.GetType().Name}: {e.Message}"), e);
        }
    }

    public static string Describe(Exception error, string scriptPath, string message)
    {
        var frame = new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName()?.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) == true && f.GetFileLineNumber() > 0);
        var file = frame?.GetFileName() ?? scriptPath;
        var location = frame is null ? string.Empty : $"({frame.GetFileLineNumber()},{Math.Max(1, frame.GetFileColumnNumber())})";
        return $"{DisplayPath.Of(file)}{location}: error: {message}";
    }
}
