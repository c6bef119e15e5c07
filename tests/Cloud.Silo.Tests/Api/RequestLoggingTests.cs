using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>At Information the silo writes about one line per HTTP request, not ASP.NET Core's ten.</summary>
public sealed class RequestLoggingTests
{
    [Fact]
    public async Task Information_logging_writes_one_line_per_request()
    {
        var lines = new LineCollector();
        await using var host = await ApiHost.StartSqliteAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILoggerProvider>(lines));
        await ApiCalls.CreateModelAsync(host.Admin);
        await host.Admin.GetAsync("/api/v1/devicemodels");
        lines.Clear();

        const int Requests = 20;
        for (var i = 0; i < Requests; i++)
        {
            var response = await host.Admin.GetAsync(i % 2 == 0 ? "/api/v1/devicemodels" : "/api/v1/devicemodels/default/none");
            Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        }

        var written = lines.Snapshot();
        var perRequest = written.Count(l => l.Category.EndsWith(".RequestLog", StringComparison.Ordinal) && !l.Text.Contains('\n', StringComparison.Ordinal));
        Assert.True(perRequest == Requests, $"{perRequest} request lines for {Requests} requests:\n" + string.Join('\n', written.Select(l => l.Category + ": " + l.Text)));
        Assert.True(written.Count <= Requests * 1.2, $"{written.Count} lines for {Requests} requests:\n" + string.Join('\n', written.Select(l => l.Category + ": " + l.Text)));
        Assert.DoesNotContain(written, l => l.Text.Contains(ApiHost.AdminToken, StringComparison.Ordinal));
    }

    private sealed class LineCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, string Text)> _lines = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Clear() => _lines.Clear();

        public List<(string Category, string Text)> Snapshot() => [.. _lines];

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, formatter(state, exception)));
        }
    }
}
