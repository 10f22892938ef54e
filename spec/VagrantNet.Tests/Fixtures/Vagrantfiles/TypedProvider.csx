using SamplePlugin;

Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Provider<SampleConfig>((sample, over) =>
    {
        sample.Greeting = "hi";
        over.Vm.Hostname = "from-override";
    });

    config.Vm.Define("quiet");
    config.Vm.Define("loud", loud => loud.Vm.Provider<SampleConfig>(s => s.Volume = 11));
});
