using VagrantNet.Benchmarks;

return args switch
{
    ["box-import", ..] => await BoxImportBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VagrantNet.Benchmarks box-import [--size-mb N] [--runs N] [--box FILE]");
    return 2;
}
