#r "nuget: Newtonsoft.Json, 13.0.1"

Vagrant.Configure(config => config.Vm.Box = "vnet/debian12");
