// Two machines: web is primary, db does not start on a bare `vnet up`.
Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.BoxVersion = ">= 1.0, < 2";
    config.Vm.Provision.Shell("hello", inline: "echo hello", run: Run.Always);
    config.Vm.SyncedFolder("./src", "/srv/src", exclude: [".git/"]);

    config.Vm.Define("web", web =>
    {
        web.Vm.Hostname = "web";
        web.Vm.Network.PrivateNetwork(ip: "10.20.30.10", netmask: "255.255.255.0");
        web.Vm.Network.ForwardedPort(guest: 80, host: 8080);
    }, primary: true);

    config.Vm.Define("db", db =>
    {
        db.Vm.Hostname = "db";
        db.Vm.BootTimeout = 600;
        db.Vm.Network.PrivateNetwork(type: "dhcp");
        db.Vm.Provision.Shell("hello", inline: "echo hello from db");
        db.Vm.Provision.Shell(path: "setup.sh", args: "--fast");
        db.Vm.SyncedFolder(".", "/vagrant", disabled: true);
    }, autostart: false);
});
