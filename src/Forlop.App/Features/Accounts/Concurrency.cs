namespace Forlop.App.Features.Accounts;

/// <summary>Versions travel as strong ETags; a change sends back the one it read in If-Match.</summary>
public static class Concurrency
{
    public static string ETag(string version) => "\"" + version + "\"";

    /// <summary>The version in an If-Match header; null when there is none.</summary>
    public static string? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }
        return header.Trim('"');
    }
}
