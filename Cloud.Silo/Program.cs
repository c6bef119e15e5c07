// Placeholder host: the lead replaces it with the silo wiring (runtime, edge gateway, REST).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.Run();
