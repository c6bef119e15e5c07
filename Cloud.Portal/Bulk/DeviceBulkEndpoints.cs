using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// The portal's bulk endpoints: <c>GET /portal/devices/export</c> (the grid's filter as query, <c>format=csv|json</c>),
/// and <c>POST /portal/devices/import</c> (a multipart form with <c>file</c>; editors only). The progress of a job is
/// shown by its page, which follows the job in its circuit.
/// </summary>
internal static class DeviceBulkEndpoints
{
    private const string TooLarge = "The file is larger than 5 MiB; split it into several files.";

    /// <summary>Largest accepted request body: the file limit plus slack for the multipart framing.</summary>
    private const long MaxBody = DeviceImportLimits.MaxBytes + (64 * 1024);

    public static void MapDeviceBulk(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/devices/export", ExportAsync).RequireAuthorization(PortalPolicies.Viewer);
        app.MapPost("/portal/devices/import", ImportAsync).RequireAuthorization(PortalPolicies.Viewer)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task ExportAsync(HttpContext context, IPortalBackend backend)
    {
        var query = context.Request.Query;
        var format = string.Equals(query["format"], "json", StringComparison.OrdinalIgnoreCase) ? DeviceFileFormat.Json : DeviceFileFormat.Csv;
        var filter = DeviceFilterQuery.From(name => query[name]);
        PortalPage<Device> first;
        try
        {
            // The first page is read before any byte is sent, so a bad filter is still a plain 400.
            first = await backend.ListDevicesAsync(filter, DeviceExport.Page(null), context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(ex.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var extension = format == DeviceFileFormat.Json ? "json" : "csv";
        context.Response.ContentType = format == DeviceFileFormat.Json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"devices.{extension}\"";
        await DeviceExport.WriteAsync(backend, filter, first, format, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, DeviceImportJobs jobs)
    {
        if (!context.User.IsInRole(PortalRoles.Editor))
        {
            return Results.Text("Your role (viewer) is read-only: it may not import devices.", statusCode: StatusCodes.Status403Forbidden);
        }

        // A larger body fails while being read.
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxBody;
        }

        if (context.Request.ContentLength > MaxBody)
        {
            return Refuse(TooLarge);
        }

        // Checked before the form is touched: for these, even asking the form for its content type throws.
        if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Text("Upload the file as a multipart/form-data form with the field 'file'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Results.Text("The form's antiforgery token is missing or invalid: reload the import page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        IFormFile? file;
        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            file = form.Files.GetFile("file");
        }
        catch (BadHttpRequestException)
        {
            return Refuse(TooLarge);
        }
        catch (InvalidDataException)
        {
            return Refuse(TooLarge);
        }

        if (file is null || file.Length == 0)
        {
            return Refuse("Choose a CSV or JSON file to import.");
        }

        if (file.Length > DeviceImportLimits.MaxBytes)
        {
            return Refuse(TooLarge);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, context.RequestAborted).ConfigureAwait(false);
        }

        var job = jobs.Start(context.User, Path.GetFileName(file.FileName), content);
        return job is null
            ? Results.Text("Your role may not import devices.", statusCode: StatusCodes.Status403Forbidden)
            : Results.LocalRedirect("~/devices/import?job=" + job.Id);
    }

    private static IResult Refuse(string message) => Results.LocalRedirect("~/devices/import?error=" + Uri.EscapeDataString(message));
}
