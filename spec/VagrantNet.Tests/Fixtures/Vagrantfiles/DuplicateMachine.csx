Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Define("web");
    config.Vm.Define("web");
});
