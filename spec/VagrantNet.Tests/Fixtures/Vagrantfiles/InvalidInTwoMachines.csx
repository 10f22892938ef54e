Vagrant.Configure(config =>
{
    config.Vm.Define("web", web =>
    {
        web.Vm.Box = "vnet/debian12";
        web.Vm.Hostname = "web_1";
        web.Ssh.Port = 70000;
    });
    config.Vm.Define("db", db =>
    {
        db.Vm.BootTimeout = 0;
        db.Vm.Network.PrivateNetwork(ip: "10.20.30.300");
    });
});
