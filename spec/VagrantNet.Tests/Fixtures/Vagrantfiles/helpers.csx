// Shared by WithLoad.csx through #load.
public static class Helpers
{
    public const string BoxName = "vnet/from-helper";

    public static readonly (string Name, string Ip)[] Machines = [("web", "10.20.30.10"), ("db", "10.20.30.11")];

    public static void Node(RootConfig m, string name, string ip)
    {
        m.Vm.Hostname = name;
        m.Vm.Network.PrivateNetwork(ip: ip);
    }
}
