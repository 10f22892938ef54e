Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Provider("sample", p =>
    {
        p["greeting"] = "hey";
        p["volume"] = 3;
    });
    config.Vm.Provider("some-other-provider", p => p["anything"] = true);
});
