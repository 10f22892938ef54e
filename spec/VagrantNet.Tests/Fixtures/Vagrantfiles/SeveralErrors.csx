Vagrant.Configure(config =>
{
    config.Vm.Box = 12;
    config.Vm.Hostnme = "web";
    config.Vm.BootTimeout = "300";
});
