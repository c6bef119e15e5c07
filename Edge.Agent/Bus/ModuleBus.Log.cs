using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Bus;

public sealed partial class ModuleBus
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Module {Module} is disabled by configuration")]
    private partial void LogModuleDisabled(string module);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "No module {Module}: dropped {Operation} {Resource}")]
    private partial void LogNoSuchModule(string module, string operation, string resource);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "No enabled module in group {Group}: dropped {Operation} {Resource}")]
    private partial void LogEmptyGroup(string group, string operation, string resource);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Starting module {Module} (group {Group})")]
    private partial void LogModuleStarting(string module, string group);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Module {Module} stopped")]
    private partial void LogModuleStopped(string module);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Module {Module} failed")]
    private partial void LogModuleFailed(Exception exception, string module);
}
