#r "nuget: VagrantNet.Sdk, 1.0.0"

Vagrant.Configure(config => config.Vm.Box = "vnet/debian12");
