using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;
using Forlop.Domain.Registry;

namespace Forlop.App.Features.Import;

/// <summary>The file as a whole cannot be read: wrong encoding, no header, a missing or unknown column.</summary>
public sealed class EventsFileException(string message) : Exception(message);

/// <summary>
/// One data row of an events file: its line and its fields, or what makes it unreadable. The row's text is kept
/// only for unreadable rows; for the others it is rebuilt from the fields if the row is rejected.
/// </summary>
public sealed record EventsFileRow(int Line, EventRowText? Fields, string? Problem, string? UnreadableText = null)
{
    public string RawText => UnreadableText ?? (Fields is { } f
        ? string.Join(',', new[] { f.RecordId, f.PatientId, f.Organisation, f.Code, f.Date, f.Time, f.Outcome, f.Replaces, f.Cancel, f.Setting }.Select(Quote))
        : "");

    private static string Quote(string? field) =>
        field is null ? "" : field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

/// <summary>
/// Reads an events file (interchange contract, version 1): CSV per RFC 4180, UTF-8 with or without BOM, one header
/// row whose column names are case-insensitive and may come in any order.
/// </summary>
public static class EventsFile
{
    public static readonly string[] RequiredColumns = ["record_id", "patient_id", "organisation", "code", "date"];
    public static readonly string[] OptionalColumns = ["time", "outcome", "replaces", "cancel", "setting"];

    /// <summary>Checks the whole file is UTF-8 before any row is read, so a wrong encoding stores nothing.</summary>
    public static void CheckEncoding(Stream stream)
    {
        const int BlockSize = 1 << 16;
        var buffer = new byte[BlockSize + 4];
        var chars = new char[BlockSize + 4];
        var carry = 0;
        long line = 1;
        while (true)
        {
            var read = stream.Read(buffer, carry, BlockSize);
            var span = buffer.AsSpan(0, carry + read);
            if (span.Length == 0)
            {
                break;
            }
            var status = Utf8.ToUtf16(span, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
            line += span[..consumed].Count((byte)'\n');
            if (status == OperationStatus.InvalidData || (read == 0 && consumed < span.Length))
            {
                throw new EventsFileException($"line {line}: the file is not UTF-8 text (save it as UTF-8 and send it again)");
            }
            carry = span.Length - consumed;
            span[consumed..].CopyTo(buffer);
            if (read == 0)
            {
                break;
            }
        }
        stream.Position = 0;
    }

    public static IEnumerable<EventsFileRow> ReadRows(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            BadDataFound = args => badData = "the row's quotes are not closed or misplaced",
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
            IgnoreBlankLines = true,
            // Organisation codes, event codes and dates repeat on every row: one string each instead of one per row.
            CacheFields = true,
        };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            throw new EventsFileException("the file is empty: it needs a header row and at least one row");
        }
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = ReadHeader(header);

        int At(string column) => index.TryGetValue(column, out var i) ? i : -1;
        int recordId = At("record_id"), patientId = At("patient_id"), organisation = At("organisation"), code = At("code"), date = At("date"),
            time = At("time"), outcome = At("outcome"), replaces = At("replaces"), cancel = At("cancel"), setting = At("setting");
        while (parser.Read())
        {
            var line = parser.RawRow;
            if (badData is not null || parser.Count != header.Length)
            {
                var problem = badData ?? $"the row has {parser.Count} fields but the header has {header.Length}";
                badData = null;
                yield return new EventsFileRow(line, null, problem, parser.RawRecord.TrimEnd('\r', '\n'));
                continue;
            }
            yield return new EventsFileRow(line, new EventRowText(
                Get(recordId), Get(patientId), Get(organisation), Get(code), Get(date),
                Get(time), Get(outcome), Get(replaces), Get(cancel), Get(setting)), null);
        }

        string? Get(int i) => i < 0 ? null : parser[i];
    }

    private static Dictionary<string, int> ReadHeader(string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].TrimStart('\uFEFF');
            if (!RequiredColumns.Contains(name, StringComparer.Ordinal) && !OptionalColumns.Contains(name, StringComparer.Ordinal))
            {
                throw new EventsFileException($"line 1: unknown column '{header[i]}' (the columns are {string.Join(", ", RequiredColumns.Concat(OptionalColumns))})");
            }
            if (!index.TryAdd(name, i))
            {
                throw new EventsFileException($"line 1: column '{name}' appears twice");
            }
        }
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new EventsFileException($"line 1: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");
        }
        return index;
    }
}
