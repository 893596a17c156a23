using Forlop.App.Data;
using Forlop.App.Features.PatientView;
using Forlop.App.Features.Surveys;
using Forlop.Domain;
using Forlop.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Demo;

/// <summary>
/// The demo's patient and relative for /mitt-forlop (decision 0029): <c>pasient</c> is an Oslo universitetssykehus
/// patient with an open pathway and a deadline ahead, followed by the demo coordinator; <c>parorende</c> a relative (a
/// synthetic identity number) she has given consent. Both sign in with the staff demo's password. And experience-survey
/// answers for about one ended pathway in twelve, patients' and relatives', so the results show figures and suppression.
/// </summary>
public static class DemoPatientView
{
    public const string PatientLogin = "pasient";
    public const string RelativeLogin = "parorende";

    /// <summary>Adds the demo logins, the consent and the survey answers; returns the demo patient's identity number (null when none fits).</summary>
    public static async Task<string?> AddAsync(RegistryDb db, Instant now, CancellationToken ct)
    {
        var today = now.InZone(RegistryStore.Oslo).Date.ToDateOnly();
        var nowUtc = now.ToDateTimeUtc();
        var chosen = await (from e in db.Episodes.AsNoTracking()
                            join p in db.Patients.AsNoTracking() on e.PatientId equals p.Id
                            where e.Hf == "OUS" && e.EndDate == null && e.TreatmentDate == null && e.NextDeadline != null && e.NextDeadline > today.AddDays(7)
                            orderby e.Id
                            select new { e.Id, p.NationalId, p.Name }).FirstOrDefaultAsync(ct);
        string? patient = null;
        if (chosen is not null && !await db.PatientLogins.AnyAsync(l => l.LoginName == PatientLogin, ct))
        {
            patient = chosen.NationalId;
            if (!await db.EpisodeAssignments.AnyAsync(a => a.EpisodeId == chosen.Id, ct))
            {
                db.EpisodeAssignments.Add(new EpisodeAssignmentEntity { EpisodeId = chosen.Id, Coordinator = "koordinator", AssignedAt = nowUtc, AssignedBy = "demo" });
            }
            var relative = await SyntheticNumberAsync(db, ct);
            PatientSignIn.AddLogin(db, PatientLogin, chosen.NationalId, chosen.Name ?? "Demopasient", PatientSignIn.DemoPassword, nowUtc);
            PatientSignIn.AddLogin(db, RelativeLogin, relative, "Per Nordmann", PatientSignIn.DemoPassword, nowUtc);
            db.RelativeConsents.Add(new RelativeConsentEntity { PatientNationalId = chosen.NationalId, RelativeNationalId = relative, RelativeName = "Per Nordmann", GivenAt = nowUtc });
            await db.SaveChangesAsync(ct);
        }
        await AddSurveyAnswersAsync(db, ct);
        return patient;
    }

    /// <summary>A synthetic identity number (month + 80) of no patient in the registry.</summary>
    private static async Task<string> SyntheticNumberAsync(RegistryDb db, CancellationToken ct)
    {
        for (var individual = 100; individual < 500; individual++)
        {
            if (NationalIdentityNumber.TryCreate(new LocalDate(1980, 5, 15), individual, NationalIdentityNumberKind.Synthetic, out var number)
                && !await db.Patients.AnyAsync(p => p.NationalId == number.Value, ct))
            {
                return number.Value;
            }
        }
        throw new InvalidOperationException("no free synthetic identity number");
    }

    private static async Task AddSurveyAnswersAsync(RegistryDb db, CancellationToken ct)
    {
        if (await db.SurveyAnswers.AnyAsync(ct))
        {
            return;
        }
        var ended = await db.Episodes.AsNoTracking().Where(e => e.EndDate != null || e.TreatmentDate != null)
            .Select(e => new { e.Id, e.Hf, e.Pathway, Ended = e.EndDate ?? e.TreatmentDate }).ToListAsync(ct);
        var random = new Random(29);
        foreach (var e in ended.Where(e => e.Id % 12 == 0))
        {
            foreach (var kind in new[] { SurveyKind.Patient, SurveyKind.Relative })
            {
                if (kind == SurveyKind.Relative && random.Next(3) > 0)
                {
                    continue;
                }
                var questions = ExperienceSurveys.QuestionsOf(kind).Count;
                // Mostly content, a few not: 5 and 4 most often, a question left out now and then.
                int? Score(int q) => q >= questions || random.Next(15) == 0 ? null : random.Next(10) switch { < 4 => 5, < 7 => 4, < 8 => 3, < 9 => 2, _ => 1 };
                db.SurveyAnswers.Add(new SurveyAnswerEntity
                {
                    Id = Guid.NewGuid(), Kind = EnumNames.Of(kind), Pathway = e.Pathway, Hf = e.Hf, Period = ExperienceSurveys.TertialOf(e.Ended!.Value),
                    Q1 = Score(0), Q2 = Score(1), Q3 = Score(2), Q4 = Score(3),
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
