using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;

namespace VagrantNet.Core.Configuration;

/// <summary>
/// While script code runs (the Vagrantfile.csx body, its configure, Define and provider blocks): the script's own
/// stdout goes to stderr, so it cannot corrupt <c>--machine-readable</c> output; an interrupt ends vnet at once, since
/// evaluation has no side effects to clean up; and a script that ends the process (Environment.Exit, an exception on a
/// thread it started) leaves one line naming the script instead of nothing or a runtime trace.
/// </summary>
public static class ScriptEvaluation
{
    private static readonly Lock Gate = new();
    private static int _depth;
    private static string? _script;
    private static TextWriter? _stdout;
    private static bool _handlersInstalled;
    private static volatile bool _leaving;

    /// <summary>True while script code runs.</summary>
    public static bool IsActive => Volatile.Read(ref _depth) > 0;

    /// <summary>Marks script code of <paramref name="scriptPath"/> as running until the result is disposed.</summary>
    public static IDisposable Enter(string scriptPath)
    {
        lock (Gate)
        {
            if (!_handlersInstalled)
            {
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
                AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
                _handlersInstalled = true;
            }

            if (_depth++ == 0)
            {
                _script = scriptPath;
                _stdout = Console.Out;
                Console.SetOut(Console.Error);
            }
        }

        return new Scope();
    }

    /// <summary>
    /// Ends vnet because of an interrupt that arrived during evaluation, with <paramref name="exitCode"/> (130 for
    /// SIGINT, 143 for SIGTERM). Returns false, doing nothing, when no script code is running.
    /// </summary>
    public static bool ExitIfActive(int exitCode)
    {
        string? script;
        lock (Gate)
        {
            if (_depth == 0)
            {
                return false;
            }

            script = _script;
            _leaving = true;
        }

        Console.Error.WriteLine($"Interrupted while evaluating {Name(script)}");
        Console.Error.Flush();
        System.Environment.Exit(exitCode);
        return true;
    }

    private static void Leave()
    {
        lock (Gate)
        {
            if (--_depth == 0)
            {
                Console.SetOut(_stdout!);
                _stdout = null;
                _script = null;
            }
        }
    }

    private static void OnProcessExit(object? sender, EventArgs e)
    {
        if (IsActive && !_leaving)
        {
            Console.Error.WriteLine($"{Name(_script)}: error: the script ended vnet (Environment.Exit or the like) while it was being evaluated; a Vagrantfile.csx may not end the process.");
            Console.Error.Flush();
        }
    }

    /// <summary>An exception on a thread the script started: one line naming the script and its line, then exit 1.</summary>
    private static void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is not Exception error || (!IsActive && !ScriptErrorLocator.HasScriptFrame(error)))
        {
            return;
        }

        _leaving = true;
        var type = error.GetType().Name;
        var message = ScriptErrorLocator.MessageOf(error);
        message = message.StartsWith(type + ": ", StringComparison.Ordinal) ? message[(type.Length + 2)..] : message;
        Console.Error.WriteLine(ScriptErrorLocator.Describe(error, _script ?? VagrantfileLocator.FileName, $"a thread the script started failed ({type}): {message}"));
        Console.Error.Flush();
        System.Environment.Exit(1);
    }

    private static string Name(string? script) => script is null ? VagrantfileLocator.FileName : DisplayPath.Of(script);

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Leave();
            }
        }
    }
}
