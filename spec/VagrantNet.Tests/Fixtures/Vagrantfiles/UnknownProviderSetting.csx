Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Provider("sample", p => p["colour"] = "red");
});
