using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Surveys;

/// <summary>Who a survey asks: the patient, or a relative.</summary>
public enum SurveyKind
{
    Patient,
    Relative,
}

/// <summary>A question of a survey (text key <c>Survey.Question.{Kind}.{Id}</c>), answered on a scale of 1 (strongly disagree) to 5 (strongly agree).</summary>
public sealed record SurveyQuestion(string Id, string Key);

public sealed record SurveyInvitation(string Link, SurveyKind Kind, DateOnly ExpiresOn);

public sealed record InvitationForm(SurveyKind? Kind);

/// <summary>What an answerer sees: the kind, the pathway and hospital it is about, and the questions (no person data).</summary>
public sealed record SurveyToAnswer(SurveyKind Kind, string Pathway, string PathwayName, string Hf, string HfName, IReadOnlyList<SurveyQuestion> Questions);

/// <summary>Scores by question id (q1 …), each 1–5; a question left out is not answered.</summary>
public sealed record SurveyAnswerForm(Dictionary<string, int>? Scores);

/// <summary>One question's figures: how many answered it and how many agreed (4 or 5); null when suppressed.</summary>
public sealed record QuestionFigures(string Question, int? Answered, int? Agreed, string? SharePercent);

/// <summary>A row of the survey results: an HF and pathway (null for the national total) and the kind of survey.</summary>
public sealed record SurveyResultRow(SurveyKind Kind, string? Hf, string? HfName, string? Pathway, string? PathwayName, int? Respondents, IReadOnlyList<QuestionFigures> Questions);

public sealed record SurveyResults(string Period, int MinCount, IReadOnlyList<SurveyResultRow> Rows);

/// <summary>
/// Experience surveys (decision 0029): a one-time link per ended pathway and kind, answered without an account and
/// stored apart from identity; results per HF and pathway with the public figures' small-number suppression.
/// </summary>
public sealed class ExperienceSurveys(RegistryDb db, AccessLogWriter log, IClock clock, PathwayCatalogue catalogue, OrganisationDirectory organisations)
{
    /// <summary>How long a link may be answered.</summary>
    public const int DaysToAnswer = 60;

    public static IReadOnlyList<SurveyQuestion> QuestionsOf(SurveyKind kind) => kind switch
    {
        SurveyKind.Patient => [Q("q1", kind), Q("q2", kind), Q("q3", kind), Q("q4", kind)],
        _ => [Q("q1", kind), Q("q2", kind), Q("q3", kind)],
    };

    private static SurveyQuestion Q(string id, SurveyKind kind) => new(id, $"Survey.Question.{kind}.{id}");

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The tertial a day falls in (2026-T3): the period answers are counted under.</summary>
    public static string TertialOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}-T{(day.Month - 1) / 4 + 1}");

    /// <summary>
    /// A link for an ended pathway of the caller's scope (another scope's is not found, an open one is refused, a second
    /// link of the same kind is a conflict); logged as a change of the patient's data. The token is shown once.
    /// </summary>
    public async Task<Outcome<SurveyInvitation>> InviteAsync(Caller caller, long episodeId, SurveyKind kind, CancellationToken ct)
    {
        var episode = await (from e in db.Episodes.AsNoTracking()
                             join p in db.Patients.AsNoTracking() on e.PatientId equals p.Id
                             where e.Id == episodeId
                             select new { e.Hf, e.Unit, e.Pathway, Ended = e.EndDate ?? e.TreatmentDate, p.NationalId }).SingleOrDefaultAsync(ct);
        if (episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new Outcome<SurveyInvitation>.NotFound("no episode of this id is within your access");
        }
        if (episode.Ended is not { } ended)
        {
            return new Outcome<SurveyInvitation>.Invalid("the pathway has not ended: a survey is sent at its end");
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var now = clock.GetCurrentInstant();
        var expires = now.InZone(RegistryStore.Oslo).Date.PlusDays(DaysToAnswer).ToDateOnly();
        await log.WriteGate.WaitAsync(ct);
        try
        {
            var kindName = EnumNames.Of(kind);
            if (await db.SurveyInvitations.AnyAsync(i => i.EpisodeId == episodeId && i.Kind == kindName, ct))
            {
                return new Outcome<SurveyInvitation>.Conflict($"a {kindName} survey was sent for this pathway already");
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.SurveyInvitations.Add(new SurveyInvitationEntity
            {
                TokenHash = HashOf(token), EpisodeId = episodeId, Kind = kindName, Pathway = episode.Pathway, Hf = episode.Hf,
                Period = TertialOf(ended), ExpiresOn = expires,
            });
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change, $"survey invitation ({kindName}) for episode {episodeId}"), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            log.WriteGate.Release();
        }
        return new SurveyInvitation("/sporreskjema/" + token, kind, expires);
    }

    /// <summary>The survey a link opens; an unknown or expired link is not found, an answered one a conflict.</summary>
    public async Task<Outcome<SurveyToAnswer>> OpenAsync(string token, CancellationToken ct)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is null)
        {
            return new Outcome<SurveyToAnswer>.NotFound("this link is unknown or has expired");
        }
        if (invitation.AnsweredOn is not null)
        {
            return new Outcome<SurveyToAnswer>.Conflict("this link has been answered already");
        }
        var kind = KindOf(invitation.Kind);
        return new SurveyToAnswer(kind, invitation.Pathway, catalogue.Pathway(invitation.Pathway)?.Name.Nb ?? invitation.Pathway,
            invitation.Hf, organisations.Find(invitation.Hf)?.Name ?? invitation.Hf, QuestionsOf(kind));
    }

    private async Task<SurveyInvitationEntity?> FindAsync(string token, CancellationToken ct)
    {
        if (token.Length is 0 or > 64)
        {
            return null;
        }
        var hash = HashOf(token);
        var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date.ToDateOnly();
        return await db.SurveyInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.ExpiresOn >= today, ct);
    }

    /// <summary>
    /// Stores an answer once: scores 1–5 for the survey's questions, at least one. The answer row holds no episode, person
    /// or invitation, and a random id; the invitation is marked answered on the day only.
    /// </summary>
    public async Task<Outcome<bool>> AnswerAsync(string token, SurveyAnswerForm form, CancellationToken ct)
    {
        var scores = form.Scores ?? [];
        await log.WriteGate.WaitAsync(ct);
        try
        {
            var invitation = await FindAsync(token, ct);
            if (invitation is null)
            {
                return new Outcome<bool>.NotFound("this link is unknown or has expired");
            }
            if (invitation.AnsweredOn is not null)
            {
                return new Outcome<bool>.Conflict("this link has been answered already");
            }
            var questions = QuestionsOf(KindOf(invitation.Kind)).Select(q => q.Id).ToList();
            if (scores.Keys.FirstOrDefault(k => !questions.Contains(k, StringComparer.Ordinal)) is { } unknown)
            {
                return new Outcome<bool>.Invalid($"'{unknown}' is not a question of this survey ({string.Join(", ", questions)})");
            }
            if (scores.FirstOrDefault(s => s.Value is < 1 or > 5) is { Key: { } outOfRange } bad)
            {
                return new Outcome<bool>.Invalid($"the answer to {outOfRange} is {bad.Value}: answers are 1 to 5");
            }
            if (scores.Count == 0)
            {
                return new Outcome<bool>.Invalid("answer at least one question");
            }
            int? Score(string id) => scores.TryGetValue(id, out var v) ? v : null;
            invitation.AnsweredOn = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date.ToDateOnly();
            db.SurveyAnswers.Add(new SurveyAnswerEntity
            {
                Id = Guid.NewGuid(), Kind = invitation.Kind, Pathway = invitation.Pathway, Hf = invitation.Hf, Period = invitation.Period,
                Q1 = Score("q1"), Q2 = Score("q2"), Q3 = Score("q3"), Q4 = Score("q4"),
            });
            await db.SaveChangesAsync(ct);
            return true;
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    /// <summary>
    /// The results of a period per HF, pathway and kind, with a national total per kind: respondents, and per question
    /// how many answered and agreed, suppressed by the public figures' rule (<see cref="SmallNumberSuppression"/>).
    /// </summary>
    public async Task<Outcome<SurveyResults>> ResultsAsync(string periodText, int? minCount, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(periodText, out var period, out var error))
        {
            return new Outcome<SurveyResults>.Invalid(error);
        }
        var threshold = Math.Max(minCount ?? SmallNumberSuppression.DefaultThreshold, SmallNumberSuppression.DefaultThreshold);
        var answers = (await db.SurveyAnswers.AsNoTracking().ToListAsync(ct))
            .Where(a => ReportingPeriod.TryParse(a.Period, out var p, out _) && period.Contains(p.Start) && period.Contains(p.End))
            .ToList();
        var rows = new List<SurveyResultRow>();
        foreach (var kind in Enum.GetValues<SurveyKind>())
        {
            var kindName = EnumNames.Of(kind);
            var groups = answers.Where(a => a.Kind == kindName)
                .GroupBy(a => (a.Hf, a.Pathway)).OrderBy(g => g.Key.Hf, StringComparer.Ordinal).ThenBy(g => g.Key.Pathway, StringComparer.Ordinal)
                .Select(g => ((string?)g.Key.Hf, (string?)g.Key.Pathway, g.ToList())).ToList();
            if (groups.Count == 0)
            {
                continue;
            }
            groups.Add((null, null, groups.SelectMany(g => g.Item3).ToList()));
            rows.AddRange(Suppressed(kind, groups, threshold));
        }
        return new SurveyResults(period.Text, threshold, rows);
    }

    /// <summary>
    /// Per row: respondents, then per question answered, agreed, not agreed and skipped; answered = agreed + not agreed,
    /// respondents = answered + skipped, and the last row (the total) the sum of the others. Only respondents, answered
    /// and agreed are printed; every small count is hidden, and so is whatever would give it away. A row of few
    /// respondents hides its questions too.
    /// </summary>
    private IEnumerable<SurveyResultRow> Suppressed(SurveyKind kind, List<(string? Hf, string? Pathway, List<SurveyAnswerEntity> Answers)> groups, int threshold)
    {
        var questions = QuestionsOf(kind);
        var width = 1 + 4 * questions.Count;
        var values = new List<int>();
        var printed = new List<bool>();
        var alsoHidden = new List<bool>();
        foreach (var (_, _, answers) in groups)
        {
            var respondents = answers.Count;
            var few = respondents >= 1 && respondents < threshold;
            values.Add(respondents);
            printed.Add(true);
            alsoHidden.Add(false);
            foreach (var q in questions)
            {
                var scores = answers.Select(a => ScoreOf(a, q.Id)).Where(s => s is not null).Select(s => s!.Value).ToList();
                var agreed = scores.Count(s => s >= 4);
                values.AddRange([scores.Count, agreed, scores.Count - agreed, respondents - scores.Count]);
                printed.AddRange([true, true, false, false]);
                alsoHidden.AddRange([few, few, false, false]);
            }
        }
        var relations = new List<SumRelation>();
        var total = groups.Count - 1;
        for (var r = 0; r < groups.Count; r++)
        {
            for (var q = 0; q < questions.Count; q++)
            {
                var at = r * width + 1 + 4 * q;
                relations.Add(new SumRelation(at, [at + 1, at + 2]));
                relations.Add(new SumRelation(r * width, [at, at + 3]));
            }
        }
        for (var c = 0; c < width; c++)
        {
            relations.Add(new SumRelation(total * width + c, Enumerable.Range(0, total).Select(r => r * width + c).ToList()));
        }
        var hidden = SmallNumberSuppression.Hide(values, printed, relations, threshold, alsoHidden: alsoHidden);
        for (var r = 0; r < groups.Count; r++)
        {
            var (hf, pathway, _) = groups[r];
            int? Shown(int cell) => hidden[cell] ? null : values[cell];
            var figures = questions.Select((q, i) =>
            {
                var at = r * width + 1 + 4 * i;
                var answered = Shown(at);
                var agreed = Shown(at + 1);
                var share = answered is > 0 && agreed is { } a ? (100.0 * a / answered.Value).ToString("F1", CultureInfo.InvariantCulture) : null;
                return new QuestionFigures(q.Id, answered, agreed, share);
            }).ToList();
            yield return new SurveyResultRow(kind, hf, hf is null ? null : organisations.Find(hf)?.Name ?? hf,
                pathway, pathway is null ? null : catalogue.Pathway(pathway)?.Name.Nb ?? pathway, Shown(r * width), figures);
        }
    }

    private static SurveyKind KindOf(string stored) => EnumNames.TryParse<SurveyKind>(stored, out var kind) ? kind : SurveyKind.Patient;

    private static int? ScoreOf(SurveyAnswerEntity a, string question) => question switch
    {
        "q1" => a.Q1,
        "q2" => a.Q2,
        "q3" => a.Q3,
        _ => a.Q4,
    };
}
