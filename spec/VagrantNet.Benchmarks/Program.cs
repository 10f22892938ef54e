using VagrantNet.Benchmarks;

// Each benchmark is a mode: `dotnet run -c Release --project spec/VagrantNet.Benchmarks -- <mode> [options]`.
return args.FirstOrDefault() switch
{
    "startup" or "all" => await StartupBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VagrantNet.Benchmarks <mode> [options]");
    Console.Error.WriteLine("modes:");
    Console.Error.WriteLine("  startup   cold compile of a two-machine Vagrantfile.csx, `vnet status` on a cache hit, and a hello-world app's start");
    Console.Error.WriteLine("  all       every benchmark");
    return 2;
}
