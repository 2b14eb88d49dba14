using FollowUp.Bench;

// Benchmarks print a table; figures are ratios against a baseline measured in the same run (shared, noisy machines).
// Run through ./bench.sh <name> (it starts the local PostgreSQL). Names: next-call, import, dashboard, memory.
var name = args.FirstOrDefault() ?? "next-call";
if (name == "next-call-api") return await NextCallBench.RunApiAsync(args[1], args[2], int.Parse(args[3]), args[4]); // ./bench.sh burst
var server = Environment.GetEnvironmentVariable("FOLLOWUP_BENCH_DB")
    ?? throw new InvalidOperationException("FOLLOWUP_BENCH_DB is not set: run ./bench.sh");
switch (name)
{
    case "next-call": await NextCallBench.RunAsync(server, args.Skip(1).ToArray()); break;
    case "import": await ImportBench.RunAsync(server, args.Skip(1).ToArray()); break;
    case "dashboard": await DashboardBench.RunAsync(server, args.Skip(1).ToArray()); break;
    case "memory": await MemoryBench.RunAsync(server, args.Skip(1).ToArray()); break;
    case "netns-client": return await NetnsProof.RunAsync(server, args[1], args[2], int.Parse(args[3]), int.Parse(args[4]));
    default: Console.Error.WriteLine($"Unknown benchmark '{name}' (next-call, import, dashboard, memory)"); return 2;
}
return 0;
