using Microsoft.AspNetCore.Http.Features;

namespace FollowUp.Web.Application.Imports;

/// <summary>
/// The import page's upload (POST /Imports) is held to FollowUp:Import:MaxBytes (default 50 MB) before anything reads
/// its body, antiforgery check included: a declared Content-Length above the limit gets 413 at once, unread; a body
/// without a length is cut by the server at the limit (413). Multipart headers get 64 KB on top of the file's limit.
/// The API (POST /api/imports) applies the same limit as it reads (ImportUpload).
/// </summary>
public static class ImportBodyLimit
{
    private const long MultipartOverhead = 64 * 1024;

    public static IApplicationBuilder UseImportBodyLimit(this IApplicationBuilder app)
    {
        var maxBytes = app.ApplicationServices.GetRequiredService<ImportOptions>().MaxBytes;
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (HttpMethods.IsPost(context.Request.Method) && (path.Equals("/Imports", StringComparison.OrdinalIgnoreCase)
                || path.Equals("/Imports/Index", StringComparison.OrdinalIgnoreCase)))
            {
                var limit = maxBytes + MultipartOverhead;
                if (context.Request.ContentLength > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(Texts.Get("Import_TooLarge", maxBytes / 1024 / 1024));
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = limit;
            }
            await next(context);
        });
    }
}
