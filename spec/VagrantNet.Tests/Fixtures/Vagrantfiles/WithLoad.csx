#load "helpers.csx"

Vagrant.Configure(config =>
{
    config.Vm.Box = Helpers.BoxName;
    foreach (var (name, ip) in Helpers.Machines)
    {
        config.Vm.Define(name, m => Helpers.Node(m, name, ip));
    }
});
