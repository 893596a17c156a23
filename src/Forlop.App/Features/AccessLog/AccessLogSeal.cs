using System.Security.Cryptography;
using Forlop.Domain.AccessLog;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// The access log's evidence outside the database, in one directory (decision 0017): <c>key</c>, the secret the
/// entries are sealed with (generated on first use, readable by the owner only); <c>head</c>, a signed checkpoint of
/// the newest committed entry, replaced after every commit; <c>checkpoints</c>, an append-only list of signed
/// checkpoints, one at most every <see cref="CheckpointInterval"/> and the first saying which entries predate the key.
/// The directory is <c>FORLOP_SEAL_DIR</c>, or beside the SQLite file (<c>forlop.db.seal</c>), or per PostgreSQL
/// database under the user's local data folder; every process that writes to one registry must share it.
/// </summary>
public sealed class AccessLogSeal
{
    public const string DirectoryVariable = "FORLOP_SEAL_DIR";

    /// <summary>How often the append-only list gets a checkpoint while the log grows (the head file follows every commit).</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, AccessLogSeal> Opened = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();
    private readonly string _headPath;
    private readonly string _checkpointsPath;
    private long _headSequence = -1;
    private long _lastListed = long.MinValue;
    private bool _adopted;

    private AccessLogSeal(string directory, SealKey key, bool isNew)
    {
        Directory = directory;
        Key = key;
        _headPath = Path.Combine(directory, "head");
        _checkpointsPath = Path.Combine(directory, "checkpoints");
        _adopted = !isNew;
    }

    public string Directory { get; }

    public SealKey Key { get; }

    /// <summary>The seal of a directory, its key read or (the first time) generated; one instance per directory in a process.</summary>
    public static AccessLogSeal Open(string directory)
    {
        directory = Path.GetFullPath(directory);
        lock (Opened)
        {
            if (Opened.TryGetValue(directory, out var open))
            {
                return open;
            }
            var keyPath = Path.Combine(directory, "key");
            var isNew = false;
            if (!File.Exists(keyPath))
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (OperatingSystem.IsWindows())
                {
                    System.IO.Directory.CreateDirectory(directory);
                }
                else
                {
                    // The owner alone may read the key (the server's account).
                    System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                try
                {
                    using var file = new FileStream(keyPath, options);
                    file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(SealKey.Length)).Select(c => (byte)c).ToArray());
                    file.Flush(flushToDisk: true);
                    isNew = true;
                }
                catch (IOException) when (File.Exists(keyPath))
                {
                    // Another process made it first: use theirs.
                }
            }
            var key = SealKey.FromBytes(Convert.FromBase64String(File.ReadAllText(keyPath).Trim()));
            return Opened[directory] = new AccessLogSeal(directory, key, isNew);
        }
    }

    /// <summary>
    /// The first time a key is used on a registry, the entries already there (sealed unkeyed, before decision 0017) are
    /// vouched for by a legacy checkpoint of the newest one; an empty log gets one for entry 0. Called under the log's write lock.
    /// </summary>
    public void AdoptIfNew(long lastSequence, string lastHash, Instant now)
    {
        lock (_lock)
        {
            if (_adopted)
            {
                return;
            }
            var legacy = Checkpoint.Sign(Key, CheckpointKind.Legacy, lastSequence, lastHash, now);
            File.AppendAllLines(_checkpointsPath, [legacy.ToLine()]);
            WriteHead(Checkpoint.Sign(Key, CheckpointKind.Head, lastSequence, lastHash, now));
            _adopted = true;
        }
    }

    /// <summary>After a commit: the newest entry becomes the head; the append-only list gets it when the last listed one is old.</summary>
    public void RecordHead(long sequence, string hash, Instant now)
    {
        lock (_lock)
        {
            if (_headSequence < 0)
            {
                _headSequence = ReadHead()?.Sequence ?? 0;
            }
            // Another writer of the same registry may have recorded a later head meanwhile: never go back.
            if (sequence <= _headSequence)
            {
                return;
            }
            WriteHead(Checkpoint.Sign(Key, CheckpointKind.Head, sequence, hash, now));
            if (now.ToUnixTimeTicks() - _lastListed >= CheckpointInterval.Ticks)
            {
                File.AppendAllLines(_checkpointsPath, [Checkpoint.Sign(Key, CheckpointKind.Head, sequence, hash, now).ToLine()]);
                _lastListed = now.ToUnixTimeTicks();
            }
        }
    }

    /// <summary>Every checkpoint kept, the head last; a line that cannot be read is a problem of its own.</summary>
    public (IReadOnlyList<Checkpoint> Checkpoints, string? Problem) Read()
    {
        lock (_lock)
        {
            var list = new List<Checkpoint>();
            if (!File.Exists(_checkpointsPath))
            {
                return (list, $"the checkpoints beside the key ({_checkpointsPath}) are missing");
            }
            var number = 0;
            foreach (var line in File.ReadLines(_checkpointsPath))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }
                if (Checkpoint.TryParse(line) is not { } checkpoint)
                {
                    return (list, $"line {number} of {_checkpointsPath} is not a checkpoint");
                }
                list.Add(checkpoint);
            }
            if (ReadHead() is not { } head)
            {
                return (list, $"the head checkpoint beside the key ({_headPath}) is missing or unreadable");
            }
            list.Add(head);
            return (list, null);
        }
    }

    private Checkpoint? ReadHead()
    {
        // Another process may be overwriting the line this instant: read again before calling it unreadable.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (!File.Exists(_headPath))
            {
                return null;
            }
            using (var file = new FileStream(_headPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(file))
            {
                if (Checkpoint.TryParse(reader.ReadToEnd().Trim()) is { } head)
                {
                    return head;
                }
            }
            Thread.Sleep(10);
        }
        return null;
    }

    /// <summary>Width of the head file: a checkpoint line padded with spaces, so each one overwrites the last whole.</summary>
    private const int HeadWidth = 256;

    private FileStream? _head;

    private void WriteHead(Checkpoint head)
    {
        // Overwritten in place through one open file: creating a file and renaming it over the old one took about
        // 2 ms per commit on this machine's disk, inside the access log's write gate (docs/performance.md).
        var line = System.Text.Encoding.ASCII.GetBytes((head.ToLine() + "\n").PadRight(HeadWidth));
        _head ??= new FileStream(_headPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(_head.SafeFileHandle, line, 0);
        _headSequence = head.Sequence;
    }
}
