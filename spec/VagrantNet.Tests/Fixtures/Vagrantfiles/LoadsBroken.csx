#load "broken.csx"

Vagrant.Configure(config => config.Vm.Box = Broken.Box);
