namespace VagrantNet.Cli.Ui;

/// <summary>Progress where no one watches a terminal: a plain line every 10%, so logs stay readable.</summary>
internal sealed class PlainProgress(MachineUi ui, string title, TransferMeter meter) : IProgress<long>
{
    private readonly object _gate = new();
    private int _lastDecile = -1;

    public void Report(long done)
    {
        lock (_gate)
        {
            meter.Update(done);
            var decile = meter.Total is { } all && all > 0 ? (int)(done * 10 / all) : -1;
            if (decile != _lastDecile && decile >= 0)
            {
                _lastDecile = decile;
                ui.Detail($"{title}: {meter.Describe()}");
            }
        }
    }
}
