using EdgeHive.Grains.Cloud;
using Radzen;

namespace EdgeHive.Cloud.Portal.Components.Shared;

/// <summary>Turns a failed operation into words an operator can act on, as a notification.</summary>
internal static class Problems
{
    public static string Describe<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.NotFound => result.Message ?? "It no longer exists.",
        OperationStatus.Conflict => result.Message ?? "Its current state does not allow this.",
        OperationStatus.PreconditionFailed => "It was changed by someone else.",
        OperationStatus.Forbidden => result.Message ?? "You may not do this.",
        OperationStatus.ValidationFailed => string.Join("; ", result.Errors.Select(e => $"{e.Property}: {e.Message}")),
        _ => result.Message ?? result.Status.ToString(),
    };

    public static void Notify<T>(NotificationService notifications, string what, OperationResult<T> result) =>
        notifications.Notify(new NotificationMessage
        {
            Severity = NotificationSeverity.Error,
            Summary = what + " failed",
            Detail = Describe(result),
            Duration = 10_000,
        });

    public static void Success(NotificationService notifications, string what) =>
        notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Success, Summary = what, Duration = 3_000 });

    public static string Ago(DateTimeOffset? at, TimeProvider time)
    {
        if (at is not { } value)
        {
            return "never";
        }

        var span = time.GetUtcNow() - value;
        return span.TotalSeconds < 60 ? $"{Math.Max(0, (int)span.TotalSeconds)} s ago"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h ago"
            : value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
