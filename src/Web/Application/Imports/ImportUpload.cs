using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace FollowUp.Web.Application.Imports;

/// <summary>Reads an uploaded inclusion file (raw text/csv body or multipart form), within the configured size limit.</summary>
public static class ImportUpload
{
    public static async Task<(byte[]? Bytes, string? FileName, IResult? Error)> ReadAsync(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = maxBytes + 1024 * 1024;
        if (http.Request.ContentLength > maxBytes) return (null, null, TooLarge(http.Request.ContentLength.Value, maxBytes));
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null || file.Length == 0) return (null, null,
                Results.Problem("No file: send the CSV as the request body (text/csv) or as a form file.", statusCode: 400));
            if (file.Length > maxBytes) return (null, null, TooLarge(file.Length, maxBytes));
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            return (ms.ToArray(), Path.GetFileName(file.FileName), null);
        }
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer)) > 0)
        {
            body.Write(buffer, 0, n);
            if (body.Length > maxBytes) return (null, null, TooLarge(body.Length, maxBytes));
        }
        if (body.Length == 0) return (null, null, Results.Problem("Empty body: send the CSV file as the request body (Content-Type: text/csv).",
            statusCode: 400));
        var name = http.Request.Headers["X-File-Name"].FirstOrDefault() is { Length: > 0 } h ? Path.GetFileName(h) : "api.csv";
        return (body.ToArray(), name, null);
    }

    private static IResult TooLarge(long size, long max) =>
        Results.Problem($"File too large: {size:N0} bytes, the limit is {max:N0} bytes (FollowUp:Import:MaxBytes). Split the file.", statusCode: 413);

    /// <summary>A CSV download for French Excel: UTF-8 with BOM.</summary>
    public static IResult Csv(string csv, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);
}
