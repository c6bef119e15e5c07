using EdgeHive.Cloud.Portal.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// <c>POST /portal/devices/edit</c>: a form with the grid's filter (<c>ns</c>, <c>node</c>, <c>model</c>, <c>state</c>,
/// <c>labels</c>) and the fields of <see cref="DeviceBulkEditForm"/>; editors only. A valid edit starts a job and
/// redirects to its progress page; an invalid one goes back to the form, which shows the errors next to the fields.
/// </summary>
internal static class DeviceBulkEditEndpoint
{
    public static void MapDeviceBulkEdit(this IEndpointRouteBuilder app) =>
        app.MapPost("/portal/devices/edit", EditAsync).RequireAuthorization(PortalPolicies.Viewer)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

    private static async Task<IResult> EditAsync(HttpContext context, DeviceImportJobs jobs)
    {
        // Before the form is read: a viewer is refused whatever the form holds.
        if (!context.User.IsInRole(PortalRoles.Editor))
        {
            return Results.Text("Your role (viewer) is read-only: it may not edit devices.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.Text("Send the bulk edit as a form.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Results.Text("The form's antiforgery token is missing or invalid: reload the bulk edit page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Text("The form could not be read: " + ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        string? Get(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        var edit = DeviceBulkEditForm.Validate(
            Get(DeviceBulkEditForm.Action), Get(DeviceBulkEditForm.SetLabels), Get(DeviceBulkEditForm.RemoveKeys), Get(DeviceBulkEditForm.TargetNode),
            Get(DeviceBulkEditForm.Confirm) == "yes", out _);

        // The form page validates the same fields again and shows the errors; nothing has run.
        var back = string.Join('&', DeviceFilterQuery.Fields.Concat([DeviceBulkEditForm.Action, DeviceBulkEditForm.SetLabels, DeviceBulkEditForm.RemoveKeys, DeviceBulkEditForm.TargetNode, DeviceBulkEditForm.Confirm])
            .Where(name => !string.IsNullOrEmpty(Get(name)))
            .Select(name => name + "=" + Uri.EscapeDataString(Get(name)!)));
        if (edit is null)
        {
            return Results.LocalRedirect("~/devices/edit?" + back);
        }

        var filter = DeviceFilterQuery.From(Get);
        var filterText = string.Join(", ", DeviceFilterQuery.Fields.Where(name => !string.IsNullOrWhiteSpace(Get(name))).Select(name => name + "=" + Get(name)!.Trim()));
        var title = $"Bulk edit: {edit.Describe()} · {(filterText.Length == 0 ? "all devices" : filterText)}";
        var job = jobs.StartEdit(context.User, title, filter, edit);
        return job is null
            ? Results.Text("Your role may not edit devices.", statusCode: StatusCodes.Status403Forbidden)
            : Results.LocalRedirect("~/devices/edit?job=" + job.Id);
    }
}
