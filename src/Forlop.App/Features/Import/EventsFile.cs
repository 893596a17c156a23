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
        ? string.Join(',', new[] { f.RecordId, f.PatientId, f.Organisation, f.Code, f.Date, f.Time, f.Outcome, f.Replaces, f.Cancel, f.Setting,
            f.DeviationReason, f.DeviationResource, f.DeviationText }.Select(Quote))
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
    public static readonly string[] OptionalColumns = ["time", "outcome", "replaces", "cancel", "setting", "deviation_reason", "deviation_resource", "deviation_text"];

    /// <summary>
    /// The longest row the contract's columns can need, with room to spare (a full row is under 200 characters); a
    /// longer one is rejected by its line number while it is read, never held whole (<see cref="EventsFileLines"/>).
    /// </summary>
    public const int MaxRowLength = 4_096;

    /// <summary>How much of a rejected row's text is kept with its reason.</summary>
    public const int KeptRowText = 512;

    /// <summary>
    /// Checks the whole file is UTF-8 before any row is read, so a wrong encoding stores nothing; names the encoding
    /// the file most likely has instead: UTF-16 (with or without byte-order mark) or ISO-8859-1 / Windows-1252.
    /// </summary>
    public static void CheckEncoding(Stream stream)
    {
        if (Utf16Kind(stream) is { } utf16)
        {
            throw new EventsFileException($"line 1: the file is {utf16} text, not UTF-8 (save it as UTF-8 and send it again)");
        }
        CheckUtf8(stream);
    }

    /// <summary>UTF-16 by its byte-order mark, or by the NUL bytes every ASCII letter has in UTF-16 (never in a CSV file).</summary>
    private static string? Utf16Kind(Stream stream)
    {
        var head = new byte[4_096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return "UTF-16 little-endian";
        }
        if (read >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            return "UTF-16 big-endian";
        }
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < read; i++)
        {
            if (head[i] == 0)
            {
                _ = i % 2 == 0 ? evenNuls++ : oddNuls++;
            }
        }
        // Mostly ASCII text: in UTF-16 every other byte is NUL, on the odd side in little-endian order.
        return oddNuls > read / 4 ? "UTF-16 little-endian (without byte-order mark)"
            : evenNuls > read / 4 ? "UTF-16 big-endian (without byte-order mark)"
            : null;
    }

    private static void CheckUtf8(Stream stream)
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
                // A lone byte of A0–FF where UTF-8 wanted a sequence: æ ø å in ISO-8859-1 / Windows-1252.
                var bad = span[consumed..];
                var latin1 = bad.Length > 0 && bad[0] >= 0xA0 && (bad.Length == 1 || bad[1] < 0x80 || bad[1] >= 0xC0);
                throw new EventsFileException(latin1
                    ? $"line {line}: the file is not UTF-8 text: it looks like ISO-8859-1 / Windows-1252 (latin-1) (save it as UTF-8 and send it again)"
                    : $"line {line}: the file is not UTF-8 text (save it as UTF-8 and send it again)");
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
        using var lines = new EventsFileLines(reader);
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
        using var parser = new CsvParser(lines, config);
        if (!parser.Read())
        {
            throw new EventsFileException("the file is empty: it needs a header row and at least one row");
        }
        if (lines.TakeRefusal(1) is { } headerRefusal)
        {
            throw new EventsFileException($"line 1: {headerRefusal.Problem}");
        }
        var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = ReadHeader(header);

        int At(string column) => index.TryGetValue(column, out var i) ? i : -1;
        int recordId = At("record_id"), patientId = At("patient_id"), organisation = At("organisation"), code = At("code"), date = At("date"),
            time = At("time"), outcome = At("outcome"), replaces = At("replaces"), cancel = At("cancel"), setting = At("setting"),
            deviationReason = At("deviation_reason"), deviationResource = At("deviation_resource"), deviationText = At("deviation_text");
        var lastLine = parser.RawRow;
        while (parser.Read())
        {
            var line = parser.RawRow;
            var raw = parser.RawRecord.TrimEnd('\r', '\n');
            // EventsFileLines hands over only lines whose quotes close, so a record over several lines means CsvHelper
            // read the quotes otherwise than it does: the first line is rejected and every line after it read on its own.
            if (raw.Contains('\n', StringComparison.Ordinal))
            {
                badData = null;
                var split = raw.Split('\n');
                // The line after the previous record's (RawRow of a record that ran to the end of the file counts one more).
                var first = lastLine + 1;
                lastLine = first + split.Length - 1;
                yield return lines.TakeRefusal(first) is { } refusal
                    ? new EventsFileRow(first, null, refusal.Problem, refusal.Start)
                    : new EventsFileRow(first, null, "a quote is opened in this row and not closed before its end", Kept(split[0]));
                for (var i = 1; i < split.Length; i++)
                {
                    yield return lines.TakeRefusal(first + i) is { } swallowed
                        ? new EventsFileRow(first + i, null, swallowed.Problem, swallowed.Start)
                        : ReadLine(first + i, split[i], header.Length, Get2);
                }
                continue;
            }
            lastLine = line;
            if (lines.TakeRefusal(line) is { } refused)
            {
                badData = null;
                yield return new EventsFileRow(line, null, refused.Problem, refused.Start);
                continue;
            }
            // CsvHelper reads a field only when it is asked for, and only then finds a misplaced quote: fields first.
            var fields = parser.Count == header.Length
                ? Fields(Get)
                : null;
            if (badData is not null || fields is null)
            {
                var problem = badData ?? $"the row has {parser.Count} fields but the header has {header.Length}";
                badData = null;
                yield return new EventsFileRow(line, null, problem, Kept(raw));
                continue;
            }
            yield return new EventsFileRow(line, fields, null);
        }

        string? Get(int i) => i < 0 ? null : parser[i];

        EventRowText Get2(string[] fields) => Fields(i => i < 0 ? null : fields[i]);

        // One mapping from the header's columns to a row's fields, for rows CsvHelper read and for lines read alone
        // (those once lost their setting: the mapping was written twice).
        EventRowText Fields(Func<int, string?> at) =>
            new(at(recordId), at(patientId), at(organisation), at(code), at(date), at(time), at(outcome), at(replaces), at(cancel), at(setting),
                at(deviationReason), at(deviationResource), at(deviationText));
    }

    /// <summary>One line that an open quote swallowed, read as a row of its own.</summary>
    private static EventsFileRow ReadLine(int line, string text, int columns, Func<string[], EventRowText> fields)
    {
        using var reader = new StringReader(text);
        var problem = (string?)null;
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = _ => problem = "the row's quotes are not closed or misplaced",
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        });
        if (!parser.Read())
        {
            return new EventsFileRow(line, null, "the row is empty", "");
        }
        if (problem is not null || parser.Count != columns)
        {
            return new EventsFileRow(line, null, problem ?? $"the row has {parser.Count} fields but the header has {columns}", Kept(text));
        }
        return new EventsFileRow(line, fields(parser.Record!), null);
    }

    /// <summary>The start of a rejected row's text: enough to find it in the file, never a 100 MB line stored whole.</summary>
    internal static string Kept(string text) => text.Length <= KeptRowText ? text : text[..KeptRowText] + "…";

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
