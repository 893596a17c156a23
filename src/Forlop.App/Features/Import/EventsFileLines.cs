using System.Globalization;
using System.Text;

namespace Forlop.App.Features.Import;

/// <summary>A line of an events file refused before CsvHelper saw it: why, and the start of its text.</summary>
public sealed record RefusedLine(string Problem, string Start);

/// <summary>
/// An events file as CsvHelper reads it: line by line, each line at most <see cref="EventsFile.MaxRowLength"/>
/// characters and complete in itself. CsvHelper holds a whole record in memory, several times over (its buffer grows
/// by doubling, then the record's string and its fields): a 100 MB line cost about 11 times its size. And a quote left
/// open makes it read the lines after it into one field. So a line too long is read past in blocks, keeping only its
/// start, and a line whose quotes do not close (no field of the contract holds a line break) is not passed on either:
/// CsvHelper gets a one-character placeholder in their place, and <see cref="TakeRefusal"/> says why by line number.
/// Memory stays at two buffers whatever the file holds, and the rows after such a line are read as rows.
/// Every line ending (CRLF, LF, CR) reaches CsvHelper as LF, so its row numbers are the file's line numbers.
/// </summary>
public sealed class EventsFileLines(TextReader file) : TextReader
{
    private const char Placeholder = '-';

    private readonly char[] _block = new char[1 << 16];
    private int _blockAt;
    private int _blockEnd;

    // The current line and its LF; _lineAt..._lineEnd is what CsvHelper has not taken yet.
    private readonly char[] _line = new char[EventsFile.MaxRowLength + 1];
    private int _lineAt;
    private int _lineEnd;
    private int _lineNumber;
    private bool _ended;

    // Taken by line number as the rows are read; CsvHelper reads only a buffer ahead, so this stays small.
    private readonly Dictionary<int, RefusedLine> _refused = [];

    /// <summary>Why the line was refused and replaced for CsvHelper; null when it was passed on as it is.</summary>
    public RefusedLine? TakeRefusal(int line) => _refused.Remove(line, out var refused) ? refused : null;

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && (_lineAt < _lineEnd || NextLine()))
        {
            var count = Math.Min(buffer.Length - written, _lineEnd - _lineAt);
            _line.AsSpan(_lineAt, count).CopyTo(buffer[written..]);
            _lineAt += count;
            written += count;
        }
        return written;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read() => _lineAt < _lineEnd || NextLine() ? _line[_lineAt++] : -1;

    public override int Peek() => _lineAt < _lineEnd || NextLine() ? _line[_lineAt] : -1;

    /// <summary>Reads the next line into <see cref="_line"/>, or its placeholder when it is refused; false at the end of the file.</summary>
    private bool NextLine()
    {
        if (_ended)
        {
            return false;
        }
        long length = 0;
        var stored = 0;
        StringBuilder? start = null; // set once the line is too long: only its start is kept
        var quoted = false;
        var ending = false;
        while (!ending)
        {
            if (_blockAt == _blockEnd && !Fill())
            {
                break;
            }
            var rest = _block.AsSpan(_blockAt, _blockEnd - _blockAt);
            var stop = rest.IndexOfAny('\n', '\r');
            var part = stop < 0 ? rest : rest[..stop];
            if (start is null && length + part.Length <= EventsFile.MaxRowLength)
            {
                part.CopyTo(_line.AsSpan(stored));
                stored += part.Length;
                quoted |= part.Contains('"');
            }
            else
            {
                start ??= new StringBuilder(EventsFile.KeptRowText).Append(_line, 0, Math.Min(stored, EventsFile.KeptRowText));
                start.Append(part[..Math.Min(part.Length, EventsFile.KeptRowText - start.Length)]);
            }
            length += part.Length;
            _blockAt += part.Length;
            if (stop >= 0)
            {
                ending = true;
                // CRLF is one line ending, even when the block ends between the two.
                if (_block[_blockAt++] == '\r' && (_blockAt < _blockEnd || Fill()) && _block[_blockAt] == '\n')
                {
                    _blockAt++;
                }
            }
        }
        if (!ending && length == 0)
        {
            _ended = true;
            return false;
        }
        _lineNumber++;
        var refusal = start is not null
            ? new RefusedLine(string.Create(CultureInfo.InvariantCulture, $"the row is {length} characters long; a row may have at most {EventsFile.MaxRowLength}"), start + "…")
            : quoted && OpensQuote(_line.AsSpan(0, stored))
                ? new RefusedLine("a quote is opened in this row and not closed before its end", EventsFile.Kept(new string(_line, 0, stored)))
                : null;
        if (refusal is not null)
        {
            _refused[_lineNumber] = refusal;
            _line[0] = Placeholder;
            stored = 1;
        }
        _lineAt = 0;
        _lineEnd = stored;
        if (ending)
        {
            _line[_lineEnd++] = '\n';
        }
        return true;
    }

    private bool Fill()
    {
        _blockAt = 0;
        _blockEnd = file.Read(_block);
        return _blockEnd > 0;
    }

    /// <summary>
    /// Whether a field of the line opens a quote it does not close, read as CsvHelper reads RFC 4180: a quote opens a
    /// field only at its start, and inside one a doubled quote is a quote character.
    /// </summary>
    private static bool OpensQuote(ReadOnlySpan<char> line)
    {
        var inQuotes = false;
        var fieldStart = true;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                continue;
            }
            inQuotes = c == '"' && fieldStart;
            fieldStart = c == ',';
        }
        return inQuotes;
    }
}
