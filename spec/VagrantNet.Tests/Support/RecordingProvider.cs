using System.Text.RegularExpressions;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Tests.Support;

/// <summary>
/// A provider with no machine behind it, registered as a built-in plugin of an in-process run: <c>up</c> records
/// an id and how many machines were inside their up at once; every other action says "not created" for a machine
/// without an id. Like libvirt's, it needs its id to be a UUID and fails on one that is not.
/// </summary>
internal sealed class RecordingProvider(IMachine machine) : IProvider
{
    public const string Name = "recording";

    /// <summary>What the current test's machines did; tests are [NonParallelizable], so one at a time.</summary>
    public static ConcurrencyRecorder Recorder { get; set; } = new();

    public static IVagrantPlugin Plugin { get; } = new RecordingPlugin();

    public ActionBuilder? Action(string name) => name switch
    {
        ActionNamesWellKnown.Up => new ActionBuilder().Use(new RecordUp()),
        ActionNamesWellKnown.Destroy => new ActionBuilder().Use(new ForgetId()),
        ActionNamesWellKnown.Halt or ActionNamesWellKnown.Suspend or ActionNamesWellKnown.Resume or ActionNamesWellKnown.Reload
            or ActionNamesWellKnown.Provision or ActionNamesWellKnown.SnapshotSave or ActionNamesWellKnown.SnapshotRestore
            or ActionNamesWellKnown.SnapshotDelete or ActionNamesWellKnown.SnapshotList => new ActionBuilder().Use(new NotCreatedMovesOn()),
        _ => null,
    };

    public Task<MachineState> StateAsync(CancellationToken cancellation) =>
        Task.FromResult(Uuid() is null ? MachineState.NotCreated : new MachineState("running", "running", "The machine is running."));

    public Task<SshInfo?> SshInfoAsync(CancellationToken cancellation) =>
        Task.FromResult(Uuid() is null ? null : new SshInfo("127.0.0.1", 2222, "vagrant"));

    /// <summary>The machine's id as a UUID; a provider's own error (not a user message) when it is none.</summary>
    private Guid? Uuid() =>
        machine.Id is not { } id ? null : Guid.TryParse(id, out var uuid) ? uuid : throw new FormatException("Invalid UUID");

    private sealed class RecordUp : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            await Recorder.InsideUpAsync(context.Machine.Name).ConfigureAwait(false);
            context.Machine.Id ??= Guid.NewGuid().ToString();
            await next(context).ConfigureAwait(false);
        }
    }

    private sealed class ForgetId : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            context.Machine.Id = null;
            await next(context).ConfigureAwait(false);
        }
    }

    private sealed class NotCreatedMovesOn : IAction
    {
        public async Task InvokeAsync(ActionContext context, ActionDelegate next)
        {
            if (context.Machine.Id is null)
            {
                context.Ui.Info("VM not created. Moving on...");
                return;
            }

            await next(context).ConfigureAwait(false);
        }
    }

    private sealed class RecordingPlugin : IVagrantPlugin
    {
        public void Register(IPluginRegistry registry) => registry.Provider<RecordingConfig>(m => new RecordingProvider(m));
    }
}

[ProviderName(RecordingProvider.Name)]
internal sealed class RecordingConfig : ProviderConfig
{
}

/// <summary>
/// Counts machines inside their up at once. With <see cref="HoldUntilAllAccountedFor"/>, a machine stays inside
/// until every machine has either entered or said it waits for a slot, so machines that may overlap do overlap,
/// with no timing: a limit that lets too many through shows in <see cref="MaxInside"/> every run.
/// </summary>
internal sealed class ConcurrencyRecorder
{
    private static readonly Regex Waiting = new(@"==> (\S+): Waiting to start", RegexOptions.None, TimeSpan.FromSeconds(1));
    private readonly object _gate = new();
    private readonly HashSet<string> _accountedFor = [];
    private readonly TaskCompletionSource _allAccountedFor = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;

    public ConcurrencyRecorder(int holdUntilAllAccountedFor = 0)
    {
        HoldUntilAllAccountedFor = holdUntilAllAccountedFor;
        if (holdUntilAllAccountedFor == 0)
        {
            _allAccountedFor.SetResult();
        }
    }

    public int HoldUntilAllAccountedFor { get; }

    public int MaxInside { get; private set; }

    public List<string> Entered { get; } = [];

    /// <summary>A stdout that tells the recorder which machines print that they wait for a slot.</summary>
    public TextWriter Stdout => new LineWatcher(this);

    public async Task InsideUpAsync(string machine)
    {
        lock (_gate)
        {
            Entered.Add(machine);
            MaxInside = Math.Max(MaxInside, ++_inside);
            AccountFor(machine);
        }

        await _allAccountedFor.Task.ConfigureAwait(false);
        lock (_gate)
        {
            _inside--;
        }
    }

    private void AccountFor(string machine)
    {
        _accountedFor.Add(machine);
        if (_accountedFor.Count >= HoldUntilAllAccountedFor)
        {
            _allAccountedFor.TrySetResult();
        }
    }

    private sealed class LineWatcher(ConcurrencyRecorder recorder) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && Waiting.Match(value) is { Success: true } match)
            {
                lock (recorder._gate)
                {
                    recorder.AccountFor(match.Groups[1].Value);
                }
            }
        }
    }
}
