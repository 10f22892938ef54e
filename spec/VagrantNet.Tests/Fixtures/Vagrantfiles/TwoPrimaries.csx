Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Define("web", primary: true);
    config.Vm.Define("db", primary: true);
});
