using EdgeHive.Grains.Cloud;
using MudBlazor;

namespace EdgeHive.Cloud.Portal.Components.Shared;

/// <summary>Turns a failed operation into words an operator can act on, and shows outcomes as snackbars.</summary>
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

    public static void Failed<T>(ISnackbar snackbar, string what, OperationResult<T> result) =>
        snackbar.Add($"{what} failed: {Describe(result)}", Severity.Error, o => o.VisibleStateDuration = 10_000);

    public static void Success(ISnackbar snackbar, string what) =>
        snackbar.Add(what, Severity.Success, o => o.VisibleStateDuration = 3_000);

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
            : Time(value);
    }

    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
