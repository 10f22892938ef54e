// A typical Vagrantfile.csx, compiled once when vnet is published so that the multi-core JIT profile shipped beside
// the binary covers what the script compiler does for users (see CompilerJitProfile). Not part of any test.
Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.BoxVersion = ">= 1.0, < 2";
    config.Vm.Provision.Shell("packages", inline: "apt-get update && apt-get install -y curl", run: Run.Once);
    config.Vm.Provision.File(source: "Vagrantfile.csx", destination: "/tmp/Vagrantfile.csx", name: "copy");
    config.Vm.SyncedFolder(".", "/vagrant", type: "rsync", exclude: new[] { ".git/" });

    var machines = new Dictionary<string, string> { ["web"] = "10.20.30.10", ["db"] = "10.20.30.11" };
    foreach (var (name, ip) in machines)
    {
        config.Vm.Define(name, machine =>
        {
            machine.Vm.Hostname = name;
            machine.Vm.Network.PrivateNetwork(ip: ip, netmask: "255.255.255.0");
            machine.Vm.Network.ForwardedPort(guest: 80, host: 8080 + machines.Keys.ToList().IndexOf(name));
            machine.Vm.Provider("libvirt", p =>
            {
                p["Memory"] = name == "db" ? 1024 : 512;
                p["Cpus"] = 1;
            });
        }, primary: name == "web");
    }
});
