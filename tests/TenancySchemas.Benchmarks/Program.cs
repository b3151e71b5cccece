using BenchmarkDotNet.Running;

// Run in Release: dotnet run -c Release --project tests/TenancySchemas.Benchmarks -- --filter '*'
// CI runs every benchmark once with --job dry so that they keep compiling and running.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
