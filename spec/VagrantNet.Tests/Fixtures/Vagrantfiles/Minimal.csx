Vagrant.Configure(config => config.Vm.Box = "vnet/debian12");
