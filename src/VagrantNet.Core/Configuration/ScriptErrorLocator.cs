using System.Diagnostics;
using VagrantNet.Core.IO;
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
        using var evaluation = ScriptEvaluation.Enter(scriptPath);
        try
        {
            block();
        }
        catch (Exception e) when (e is not VnetException)
        {
            throw new VnetException(Describe(e, scriptPath, prefix + MessageOf(e)), e);
        }
    }

    /// <summary>What went wrong, in the user's terms: the runtime's own messages are resource keys in this build.</summary>
    public static string MessageOf(Exception error) => error switch
    {
        ConfigurationException => error.Message,
        InsufficientExecutionStackException => "the script recursed too deeply (stack overflow)",
        ArgumentNullException { ParamName: { } parameter } => $"{CalledMethod(error) ?? "a method"} was passed null for '{parameter}', which needs a value",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    public static string Describe(Exception error, string scriptPath, string message)
    {
        var frame = ScriptFrames(error).FirstOrDefault();
        var file = frame?.GetFileName() ?? scriptPath;
        var location = frame is null ? string.Empty : $"({frame.GetFileLineNumber()},{Math.Max(1, frame.GetFileColumnNumber())})";
        return $"{DisplayPath.Of(file)}{location}: error: {Escape(message)}";
    }

    public static bool HasScriptFrame(Exception error) => ScriptFrames(error).Any();

    /// <summary>
    /// <paramref name="text"/> with control characters (other than newline and tab) written as <c>\u001b</c>: text from a
    /// script must not drive the user's terminal.
    /// </summary>
    public static string Escape(string text) => UserText.EscapeMessage(text);

    private static IEnumerable<StackFrame> ScriptFrames(Exception error) =>
        new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .Where(f => f.GetFileName()?.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) == true && f.GetFileLineNumber() > 0);

    /// <summary>The method the script called that threw (the frame just below the script's): <c>VmConfig.Define</c>.</summary>
    private static string? CalledMethod(Exception error)
    {
        var frames = new StackTrace(error, fNeedFileInfo: true).GetFrames();
        var script = Array.FindIndex(frames, f => f.GetFileName()?.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) == true);
        var method = script > 0 ? frames[script - 1].GetMethod() : null;
        return method is null ? null : $"{method.DeclaringType?.Name}.{method.Name}";
    }
}
