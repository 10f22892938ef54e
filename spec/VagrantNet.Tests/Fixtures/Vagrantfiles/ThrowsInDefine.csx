Vagrant.Configure(config =>
{
    config.Vm.Box = "vnet/debian12";
    config.Vm.Define("web", web =>
    {
        web.Vm.Hostname = "web";
        throw new InvalidOperationException("web cannot be configured");
    });
});
