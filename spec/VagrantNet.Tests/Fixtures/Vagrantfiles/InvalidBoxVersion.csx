Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.BoxVersion = ">= banana";
});
