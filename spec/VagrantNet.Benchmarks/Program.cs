using VagrantNet.Benchmarks;

// Each benchmark is a mode: `dotnet run -c Release --project spec/VagrantNet.Benchmarks -- <mode> [options]`.
return args.FirstOrDefault() switch
{
    "startup" => await StartupBenchmark.RunAsync(args[1..]),
    "box-import" => await BoxImportBenchmark.RunAsync(args[1..]),
    "communicator" => await CommunicatorBenchmark.RunAsync(args[1..]),
    "all" => await StartupBenchmark.RunAsync([]) | await BoxImportBenchmark.RunAsync([]) | await CommunicatorBenchmark.RunAsync([]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VagrantNet.Benchmarks <mode> [options]");
    Console.Error.WriteLine("modes:");
    Console.Error.WriteLine("  startup      cold compile of a two-machine Vagrantfile.csx, `vnet status` on a cache hit, and a hello-world app's start");
    Console.Error.WriteLine("  box-import   box import throughput next to `tar -xzf` of the same file [--size-mb N] [--runs N] [--box FILE]");
    Console.Error.WriteLine("  communicator vnet's SSH communicator, shell provisioner and rsync next to the system ssh and rsync, against a local sshd (Linux, root)");
    Console.Error.WriteLine("  all          every benchmark");
    return 2;
}
