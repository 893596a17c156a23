using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Deviations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Forlop.App.Features.Import;

/// <summary>A row that was not stored: where it is, what it says, and why it was refused.</summary>
/// <remarks><see cref="Organisation"/>, <see cref="NationalId"/> and <see cref="Norwegian"/> as far as the row gave them: for its delivery's feedback.</remarks>
public sealed record RejectedRow(int Line, string? RecordId, string Column, string Reason, string RawText, string? Organisation = null, string? NationalId = null, string? Norwegian = null)
{
    public override string ToString() => $"line {Line}, record {RecordId ?? "?"}, {Column}: {Reason}";
}

/// <summary>The outcome of importing one events file.</summary>
public sealed record ImportSummary(
    string File,
    int Accepted,
    int Duplicates,
    IReadOnlyList<RejectedRow> Rejected,
    int Findings,
    string? FileError)
{
    public int ExitCode => FileError is not null ? 1 : Rejected.Count > 0 ? 2 : 0;
}

/// <summary>How far an import has come, in bytes of the file.</summary>
public sealed record ImportProgress(long BytesRead, long BytesTotal, int Rows);

/// <summary>
/// Imports an events file: checks each row, links it to the patient's episodes under the coding rules, stores
/// the accepted rows and explains the rejected ones. One transaction per file: a file is either imported or,
/// if the process dies, not at all, and importing it again then gives the same result as the first time.
/// </summary>
public sealed class EventImporter(RegistryStore store)
{
    // Into an empty registry: small enough that a chunk's row objects die young (in gen 0) instead of being
    // promoted while they queue. Into a filled one: large, since each chunk costs three look-ups of stored history.
    private const int ChunkSizeFirstLoad = 4_096;
    private const int ChunkSizeWithHistory = 32_768;
    // EF Core 10 sends a list as one parameter per value; SQLite allows 32 766 in a statement.
    private const int LookupBatch = 2_000;

    public async Task<ImportSummary> ImportAsync(string path, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var activity = Operations.Telemetry.Source.StartActivity("import");
        activity?.SetTag("forlop.import.file", Path.GetFileName(path));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var summary = await ImportFileAsync(path, importedBy, progress, ct);
        Operations.Telemetry.ImportDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        Operations.Telemetry.ImportedRows.Add(summary.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        Operations.Telemetry.ImportedRows.Add(summary.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        Operations.Telemetry.ImportedRows.Add(summary.Rejected.Count, new KeyValuePair<string, object?>("outcome", "rejected"));
        activity?.SetTag("forlop.import.accepted", summary.Accepted);
        activity?.SetTag("forlop.import.rejected", summary.Rejected.Count);
        if (summary.FileError is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "file unreadable");
        }
        return summary;
    }

    private async Task<ImportSummary> ImportFileAsync(string path, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var fileName = Path.GetFileName(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImportSummary(fileName, 0, 0, [], 0, $"cannot open {path}: {e.Message}");
        }
        await using (file)
        {
            try
            {
                if (file.Length == 0)
                {
                    throw new EventsFileException("the file is empty: it needs a header row and at least one row");
                }
                EventsFile.CheckEncoding(file);
                return await ImportRowsAsync(file, fileName, importedBy, progress, ct);
            }
            catch (EventsFileException e)
            {
                return new ImportSummary(fileName, 0, 0, [], 0, e.Message);
            }
        }
    }

    private async Task<ImportSummary> ImportRowsAsync(FileStream file, string fileName, string importedBy, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var db = store.Db;
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = store.Connection;
        var dbTransaction = transaction.GetDbTransaction();
        if (store.Target.Provider == DatabaseProvider.Sqlite)
        {
            // A large import rewrites index pages many times; keep them in memory (256 MB) rather than spill to the WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        }
        if (store.Target.Provider == DatabaseProvider.Postgres)
        {
            // One writer at a time: ids are handed out from the current maximum. Readers are not blocked.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE", ct);
        }
        // The delivery's feedback for each sending HF (decision 0031), stored with the batch.
        var feedback = new ImportFeedback.DeliveryFeedback(ImportFeedback.DeliverySource.File, fileName, importedBy, store.Organisations, store.Catalogue, store.Today);
        var session = new ImportSession(store, await MaxAsync(connection, dbTransaction, "events", ct), await MaxAsync(connection, dbTransaction, "patients", ct), feedback);
        var firstLoad = session.RegistryWasEmpty;
        if (firstLoad)
        {
            await SecondaryIndexes.DropAsync(db, ct);
        }
        var now = store.Clock.GetCurrentInstant().ToDateTimeUtc();
        var batch = new ImportBatchEntity { FileName = fileName, StartedAt = now, ImportedBy = importedBy };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        var writer = RegistryWriter.For(store.Target.Provider, connection, dbTransaction);
        var rejected = new List<RejectedRow>();
        var rows = 0;

        // Three stages on their own threads, joined by bounded channels: reading and checking rows, applying them
        // to the patients' records, and writing to the database. One connection serves the last two, so they take
        // turns through a lock. On two cores this imports about twice as fast as one loop (docs/performance.md).
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = failed.Token;
        var parsedBatches = Channel.CreateBounded<List<(EventsFileRow Row, ParsedEventRow Parsed)>>(4);
        var writeBatches = Channel.CreateBounded<(List<PatientEntity> Patients, List<EventEntity> Events)>(4);
        var connectionTurn = new SemaphoreSlim(1, 1);
        var parseRejected = new List<RejectedRow>();

        var reading = Task.Run(async () =>
        {
            try
            {
                var parser = new EventRowParser(store.Catalogue, store.Organisations);
                var today = store.Today;
                var chunkSize = firstLoad ? ChunkSizeFirstLoad : ChunkSizeWithHistory;
                var chunk = new List<(EventsFileRow Row, ParsedEventRow Parsed)>(chunkSize);
                foreach (var row in EventsFile.ReadRows(file))
                {
                    rows++;
                    if (row.Problem is not null)
                    {
                        parseRejected.Add(new RejectedRow(row.Line, null, "row", row.Problem, row.RawText));
                        continue;
                    }
                    var parsed = parser.Parse(row.Fields!, today, out var refusal);
                    if (parsed is null)
                    {
                        parseRejected.Add(new RejectedRow(row.Line, RecordIdOf(row), refusal!.Column, refusal.Message, row.RawText,
                            row.Fields!.Organisation, row.Fields.PatientId, refusal.Reason.Nb));
                        continue;
                    }
                    chunk.Add((row, parsed));
                    if (chunk.Count == chunkSize)
                    {
                        await parsedBatches.Writer.WriteAsync(chunk, token);
                        chunk = new List<(EventsFileRow Row, ParsedEventRow Parsed)>(chunkSize);
                        progress?.Report(new ImportProgress(file.Position, file.Length, rows));
                    }
                }
                await parsedBatches.Writer.WriteAsync(chunk, token);
                parsedBatches.Writer.Complete();
            }
            catch (Exception e)
            {
                parsedBatches.Writer.TryComplete(e);
                throw;
            }
        }, token);

        var writing = Task.Run(async () =>
        {
            await foreach (var (patients, events) in writeBatches.Reader.ReadAllAsync(token))
            {
                await connectionTurn.WaitAsync(token);
                try
                {
                    await writer.WritePatientsAsync(patients, token);
                    await writer.WriteEventsAsync(events, token);
                }
                finally
                {
                    connectionTurn.Release();
                }
            }
        }, token);

        try
        {
            await foreach (var chunk in parsedBatches.Reader.ReadAllAsync(token))
            {
                var written = await session.ApplyAsync(chunk, batch.Id, importedBy, now, rejected, connectionTurn, token);
                await writeBatches.Writer.WriteAsync(written, token);
            }
            writeBatches.Writer.Complete();
            await Task.WhenAll(reading, writing);
        }
        catch
        {
            await failed.CancelAsync();
            writeBatches.Writer.TryComplete();
            // The first real failure, not the cancellations it caused.
            foreach (var task in new[] { reading, writing })
            {
                if (task.IsFaulted && task.Exception!.InnerException is not OperationCanceledException and var inner)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner!);
                }
            }
            throw;
        }
        rejected.AddRange(parseRejected);
        progress?.Report(new ImportProgress(file.Length, file.Length, rows));

        var findings = await session.WriteEpisodesAsync(writer, ct);
        // A reason from the file replaces one recorded before for the same interval, as a coordinator's later reason does.
        foreach (var ((episodeId, intervalId), reason) in session.Reasons)
        {
            await db.DeviationReasons.Where(x => x.EpisodeId == episodeId && x.IntervalId == intervalId).ExecuteDeleteAsync(ct);
            db.DeviationReasons.Add(reason);
        }
        if (rows == 0)
        {
            rejected.Add(new RejectedRow(1, null, "file", "the file has a header but no rows", ""));
        }
        if (firstLoad)
        {
            await SecondaryIndexes.CreateAsync(db, ct);
        }
        batch.Accepted = session.Accepted;
        batch.Duplicates = session.Duplicates;
        batch.Rejected = rejected.Count;
        batch.Findings = findings;
        batch.FinishedAt = store.Clock.GetCurrentInstant().ToDateTimeUtc();
        db.RejectedRows.AddRange(rejected.Select(r => new RejectedRowEntity
        {
            BatchId = batch.Id, Line = r.Line, RecordId = r.RecordId, Column = r.Column, Reason = r.Reason, RawText = r.RawText,
        }));
        foreach (var r in rejected.OrderBy(r => r.Line))
        {
            feedback.Rejected(r.Organisation, r.Line, r.RecordId, r.NationalId, r.Column, r.Reason, r.Norwegian);
        }
        await feedback.SaveAsync(db, batch.Id, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new ImportSummary(fileName, session.Accepted, session.Duplicates, rejected.OrderBy(r => r.Line).ToList(), findings, null);
    }

    private static string? RecordIdOf(EventsFileRow row) =>
        row.Fields?.RecordId?.Trim() is { Length: > 0 and <= EventRowParser.MaxRecordIdLength } id ? id : null;

    private static async Task<long> MaxAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COALESCE(MAX(id), 0) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The patients an import has touched, loaded once and kept in memory until the file is done.</summary>
    private sealed class ImportSession(RegistryStore store, long maxEventId, long maxPatientId, ImportFeedback.DeliveryFeedback feedback)
    {
        private readonly EpisodeLinker _linker = new(store.Catalogue, store.Organisations);
        private readonly Dictionary<string, (long Id, PatientRecord Record)> _patients = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Organisation, string RecordId), long> _recordOwners = [];
        private readonly HashSet<long> _touched = [];
        private readonly bool _registryWasEmpty = maxEventId == 0;

        public bool RegistryWasEmpty => _registryWasEmpty;
        private long _nextEventId = maxEventId + 1;
        private long _nextPatientId = maxPatientId + 1;

        public int Accepted { get; private set; }
        public int Duplicates { get; private set; }

        /// <summary>Applies a chunk of checked rows; returns the new patients and event rows to write.</summary>
        public async Task<(List<PatientEntity>, List<EventEntity>)> ApplyAsync(List<(EventsFileRow Row, ParsedEventRow Parsed)> chunk, long batchId, string importedBy, DateTime now,
            List<RejectedRow> rejected, SemaphoreSlim connectionTurn, CancellationToken ct)
        {
            if (!_registryWasEmpty && chunk.Count > 0)
            {
                await connectionTurn.WaitAsync(ct);
                try
                {
                    await LoadKnownAsync(chunk, ct);
                }
                finally
                {
                    connectionTurn.Release();
                }
            }
            var newPatients = new List<PatientEntity>();
            var newEvents = new List<EventEntity>(chunk.Count);
            foreach (var (row, parsed) in chunk)
            {
                var s = parsed.Submission;
                var nin = parsed.Patient.Value;
                if (!_patients.TryGetValue(nin, out var patient))
                {
                    patient = (_nextPatientId++, new PatientRecord(_linker, []));
                    _patients[nin] = patient;
                    newPatients.Add(new PatientEntity { Id = patient.Id, NationalId = nin, BirthDate = parsed.Patient.BirthDate.ToDateOnly() });
                }
                // Record ids are unique per organisation: the same row again is a duplicate, other content a conflict.
                if (_recordOwners.TryGetValue((s.Organisation, s.RecordId), out var owner))
                {
                    var earlier = owner == patient.Id ? patient.Record.FindRow(s.Organisation, s.RecordId) : null;
                    var earlierReplaces = earlier?.ReplacesId is { } rid ? patient.Record.Rows.FirstOrDefault(r => r.Id == rid)?.RecordId : null;
                    if (earlier is not null && s.SameContentAs(earlier, earlierReplaces))
                    {
                        Duplicates++;
                    }
                    else
                    {
                        rejected.Add(new RejectedRow(row.Line, s.RecordId, "record_id",
                            $"record {s.RecordId} from {s.Organisation} was already imported with different content; send a new record id with replaces={s.RecordId} to correct it", row.RawText,
                            s.Organisation, nin, $"Registrerings-ID {s.RecordId} fra {s.Organisation} er allerede importert med annet innhold; send en ny registrerings-ID med replaces={s.RecordId} for å korrigere."));
                    }
                    continue;
                }
                var refusal = parsed.Reason is { } reason
                    ? ApplyWithReason(nin, ref patient, s, reason, importedBy, now)
                    : patient.Record.Apply(s, _nextEventId);
                if (refusal is not null)
                {
                    rejected.Add(new RejectedRow(row.Line, s.RecordId, refusal.Column, refusal.Message, row.RawText, s.Organisation, nin, refusal.Reason.Nb));
                    continue;
                }
                var stored = patient.Record.Rows[^1];
                newEvents.Add(new EventEntity
                {
                    Id = stored.Id, PatientId = patient.Id, RootId = stored.RootId, Organisation = stored.Organisation, RecordId = stored.RecordId,
                    Code = stored.Code, Date = stored.Date?.ToDateOnly(), Time = stored.Time?.ToTimeOnly(), Outcome = stored.Outcome, Setting = StoredSetting.Text(stored.Setting),
                    ReplacesId = stored.ReplacesId, IsWithdrawal = stored.IsWithdrawal, RecordedAt = now, RecordedBy = importedBy,
                    BatchId = batchId, Line = row.Line,
                });
                _nextEventId++;
                _recordOwners[(s.Organisation, s.RecordId)] = patient.Id;
                _touched.Add(patient.Id);
                feedback.Accepted(s.Organisation);
                Accepted++;
            }
            return (newPatients, newEvents);
        }

        /// <summary>The deviation reasons the file's rows gave (column <c>deviation_reason</c>), by episode and interval; the last row wins.</summary>
        public Dictionary<(long EpisodeId, string IntervalId), DeviationReasonEntity> Reasons { get; } = [];

        /// <summary>
        /// Applies a row that gives a deviation reason, all or nothing: to a copy of the patient's record first, so that a
        /// reason explaining no interval over its standard refuses the row without its event having been applied.
        /// </summary>
        private Refusal? ApplyWithReason(string nin, ref (long Id, PatientRecord Record) patient, EventSubmission s, DeviationReason reason, string importedBy, DateTime now)
        {
            var trial = new PatientRecord(_linker, [.. patient.Record.Rows]);
            if (trial.Apply(s, _nextEventId) is { } refusal)
            {
                return refusal;
            }
            var rootId = trial.Rows[^1].RootId;
            var episode = trial.Episodes.FirstOrDefault(e => e.Events.Any(v => v.Event.RootId == rootId));
            var explained = episode is null ? [] : DeviationReasons.ExplainedBy(PathwayTimeEngine.Measure(episode, store.Today), rootId);
            if (episode is null || explained.Count == 0)
            {
                return new Refusal(EventColumns.DeviationReason, new(
                    En: "this event ends no interval over its standard time, so there is no deviation to give a reason for",
                    Nb: "Hendelsen avslutter ikke noe intervall over standard forløpstid, så det er ikke noe avvik å oppgi årsak for."));
            }
            patient = (patient.Id, trial);
            _patients[nin] = patient;
            foreach (var interval in explained)
            {
                Reasons[(episode.Id, interval)] = new DeviationReasonEntity
                {
                    EpisodeId = episode.Id, IntervalId = interval, Cause = EnumNames.Of(reason.Cause),
                    Resource = reason.Resource is { } r ? EnumNames.Of(r) : null, Text = reason.Text, RecordedAt = now, RecordedBy = importedBy,
                };
            }
            return null;
        }

        /// <summary>Loads the stored history of the chunk's patients, and the owners of its record ids.</summary>
        private async Task LoadKnownAsync(List<(EventsFileRow Row, ParsedEventRow Parsed)> chunk, CancellationToken ct)
        {
            var db = store.Db;
            var nins = chunk.Select(c => c.Parsed.Patient.Value).Where(n => !_patients.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
            var known = new List<(long Id, string NationalId)>();
            foreach (var batch in nins.Chunk(LookupBatch))
            {
                known.AddRange((await db.Patients.AsNoTracking().Where(p => batch.Contains(p.NationalId)).Select(p => new { p.Id, p.NationalId }).ToListAsync(ct))
                    .Select(p => (p.Id, p.NationalId)));
            }
            var history = new List<EventEntity>();
            foreach (var batch in known.Select(k => k.Id).Chunk(LookupBatch))
            {
                history.AddRange(await db.Events.AsNoTracking().Where(e => batch.Contains(e.PatientId)).ToListAsync(ct));
            }
            var byPatient = history.ToLookup(e => e.PatientId);
            foreach (var (id, nationalId) in known)
            {
                var rows = byPatient[id].Select(e => new EventRow(e.Id, e.RootId, e.Organisation, e.RecordId, e.Code,
                    e.Date is { } d ? LocalDate.FromDateOnly(d) : null, e.Time is { } t ? LocalTime.FromTimeOnly(t) : null,
                    e.Outcome, e.ReplacesId, e.IsWithdrawal, StoredSetting.Read(e.Setting))).ToList();
                _patients[nationalId] = (id, new PatientRecord(_linker, rows));
                foreach (var r in rows)
                {
                    _recordOwners[(r.Organisation, r.RecordId)] = id;
                }
            }
            var recordIds = chunk.Select(c => c.Parsed.Submission.RecordId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var batch in recordIds.Chunk(LookupBatch))
            {
                var owners = await db.Events.AsNoTracking().Where(e => batch.Contains(e.RecordId))
                    .Select(e => new { e.Organisation, e.RecordId, e.PatientId }).ToListAsync(ct);
                foreach (var o in owners)
                {
                    _recordOwners.TryAdd((o.Organisation, o.RecordId), o.PatientId);
                }
            }
        }

        /// <summary>Replaces the stored episodes of every touched patient with those their events now form.</summary>
        public async Task<int> WriteEpisodesAsync(RegistryWriter writer, CancellationToken ct)
        {
            var findings = 0;
            var episodes = new List<EpisodeEntity>();
            var intervals = new List<EpisodeIntervalEntity>();
            foreach (var (nationalId, (id, record)) in _patients.Where(p => _touched.Contains(p.Value.Id)))
            {
                foreach (var episode in record.Episodes)
                {
                    var (entity, reached) = EpisodeRows.ToRows(id, episode, store.Organisations);
                    episodes.Add(entity);
                    intervals.AddRange(reached);
                    findings += entity.Findings;
                    // Ids above the registry's maximum before this file are this delivery's rows.
                    if (episode.Events.Any(e => e.Event.Id > maxEventId))
                    {
                        feedback.Touched(episode, entity, nationalId, null);
                    }
                }
            }
            if (!_registryWasEmpty)
            {
                await writer.DeleteEpisodesOfPatientsAsync(_touched.ToList(), ct);
            }
            await writer.WriteEpisodesAsync(episodes, ct);
            await writer.WriteEpisodeIntervalsAsync(intervals, ct);
            return findings;
        }
    }
}
