using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Stratus.Benchmarks.Leases.RenewBenchmarks).Assembly).Run(args);
