Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    var memory = int.Parse("lots");
});
