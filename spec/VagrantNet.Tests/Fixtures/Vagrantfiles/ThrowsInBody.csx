var machines = new[] { "web", "db" };

var broken = machines[5];

Vagrant.Configure(config => config.Vm.Box = "vnet/debian12");
