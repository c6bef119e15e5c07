using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Options;

// The command line validates every option and prints clear errors (exit code 1) before anything starts.
var commandLine = new AgentCommandLine(AgentHost.RunAsync);
return await commandLine.Root.Parse(args).InvokeAsync();
