using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Forlop.App.Features.Import;

/// <summary>A row of a side file that was not stored, and why.</summary>
public sealed record RejectedSideRow(int Line, string Column, string Reason)
{
    public override string ToString() => $"line {Line}, {Column}: {Reason}";
}

/// <summary>
/// How importing a side file went: exit 1 when the file could not be read (nothing stored), 2 when some rows were
/// rejected (each explained), 0 when all were stored — the events file's exit codes (interchange.md).
/// </summary>
public sealed record SideFileSummary(string File, int Stored, IReadOnlyList<RejectedSideRow> Rejected, string? FileError, int Replaced = 0)
{
    public int ExitCode => FileError is not null ? 1 : Rejected.Count > 0 ? 2 : 0;

    /// <summary>What the command prints: the file's error, or the count stored (<paramref name="stored"/>) and each rejected row.</summary>
    public async Task<int> PrintAsync(TextWriter output, string stored)
    {
        if (FileError is not null)
        {
            await output.WriteLineAsync($"{File}: not imported: {FileError}");
            return ExitCode;
        }
        await output.WriteLineAsync(FormattableString.Invariant($"{File}: {stored}, {Rejected.Count} rejected"));
        foreach (var row in Rejected)
        {
            await output.WriteLineAsync(row.ToString());
        }
        return ExitCode;
    }
}

/// <summary>
/// A small CSV file that travels beside the events file (new cancer cases, recommended actions done): RFC 4180, UTF-8
/// (invalid bytes refuse the file), a header naming the columns in any order and case. The file is refused as a whole
/// for an unknown or missing column, so that no row is read into the wrong field.
/// </summary>
public static class SideFile
{
    /// <summary>The errors that mean the file itself could not be read: answered with exit 1 and nothing stored.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or CsvHelperException or DecoderFallbackException;

    /// <param name="path">The file.</param>
    /// <param name="required">Columns every file has.</param>
    /// <param name="optional">Columns a file may have.</param>
    /// <param name="columns">The columns as the messages name them ("hf, period and count").</param>
    public static List<(int Line, Dictionary<string, string> Fields)> Read(string path, IReadOnlyList<string> required, IReadOnlyList<string> optional, string columns)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant() });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new InvalidDataException($"the file is empty: it needs the header {string.Join(",", required)}");
        }
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (names.FirstOrDefault(n => !required.Contains(n, StringComparer.Ordinal) && !optional.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidDataException($"unknown column '{unknown}': the columns are {columns}");
        }
        if (required.FirstOrDefault(c => !names.Contains(c, StringComparer.Ordinal)) is { } missing)
        {
            throw new InvalidDataException($"the column '{missing}' is missing: the columns are {columns}");
        }
        var rows = new List<(int, Dictionary<string, string>)>();
        while (csv.Read())
        {
            var fields = names.ToDictionary(c => c, c => csv.GetField(c) ?? "", StringComparer.Ordinal);
            rows.Add((csv.Parser.RawRow, fields));
        }
        return rows;
    }
}
