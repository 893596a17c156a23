using System.Globalization;
using System.Reflection;
using CsvHelper;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Municipalities;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.ContactPoints;

/// <summary>A contact point as its maintainer sends it: who answers (the office's name), phone, e-mail, opening hours and visiting address.</summary>
public sealed record ContactDetails(string? Name, string? Phone, string? Email, string? Hours, string? Address);

/// <summary>The municipality numbers that form an HF's catchment area (opptaksområde); the list replaces the one before.</summary>
public sealed record CatchmentForm(IReadOnlyList<string>? Municipalities);

/// <summary>
/// One entry of the directory. <see cref="Kind"/> is <c>hf-office</c> (an HF's pathway coordinators' office for
/// <see cref="Family"/>; <see cref="Catchment"/> lists the municipality numbers of its catchment area) or
/// <c>municipality-hjem</c> (a municipality's Pakkeforløp hjem contact point; <see cref="Hfs"/> lists the HFs whose
/// catchment holds it). <see cref="Registered"/> is false where nobody has entered the contact point yet;
/// <see cref="Placeholder"/> is true where its facts have no source (demo data).
/// </summary>
public sealed record ContactPointEntry(string Kind, string? Hf, string? HfName, string? Municipality, string? MunicipalityName, string? County, string? CountyName,
    string Region, string? Family, string? Name, string? Phone, string? Email, string? Hours, string? Address, bool Registered, bool Placeholder,
    DateOnly? ValidFrom, IReadOnlyList<string> Catchment, IReadOnlyList<string> Hfs);

/// <summary>The directory, or the page of it asked for: <see cref="Page"/> and <see cref="PageSize"/> are null when the whole (filtered) directory is given.</summary>
public sealed record ContactPointList(DateOnly On, int Total, int? Page, int? PageSize, IReadOnlyList<ContactPointEntry> Entries);

/// <summary>What to list: free text (an HF's code or name, a municipality's number or name, a county), one HF, one municipality, the day (today when null) and a page.</summary>
public sealed record DirectoryQuery(string? Q = null, string? Hf = null, string? Municipality = null, LocalDate? On = null, int? Page = null, int? PageSize = null);

/// <summary>
/// The public contact-point directory (issue 13, item 1): every HF's pathway coordinators' office per pathway family
/// and every municipality's Pakkeforløp hjem contact point, with the HFs' catchment areas. Anyone may read it; each
/// HF's administrator maintains her own HF's offices and catchment, a municipality's coordinator her municipality's
/// contact point, and an administrator of no HF (the installation's) any of them (decision 0028).
/// </summary>
public sealed class ContactPointDirectory(RegistryDb db, OrganisationDirectory organisations, IClock clock)
{
    public const string HfOffice = "hf-office";
    public const string MunicipalityHjem = "municipality-hjem";
    public const int MostPerPage = 1000;

    /// <summary>The pathway families an HF's coordinators' office answers for; Pakkeforløp hjem is the municipalities'.</summary>
    public static readonly IReadOnlyList<PathwayFamily> OfficeFamilies = [PathwayFamily.Cancer, PathwayFamily.MentalHealth, PathwayFamily.Stroke];

    /// <summary>Norway's municipalities with their reforms (Features/ContactPoints/municipalities.tsv, SSB classification 131).</summary>
    public static MunicipalityRegister Municipalities { get; } = LoadMunicipalities();

    private static MunicipalityRegister LoadMunicipalities()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Forlop.App.Features.ContactPoints.municipalities.tsv")
            ?? throw new InvalidOperationException("municipalities.tsv is not embedded");
        using var reader = new StreamReader(stream);
        return MunicipalityRegister.ParseTsv(reader.ReadToEnd());
    }

    private LocalDate Today => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    /// <summary>The HFs (and non-profit hospitals with an operating agreement) that have coordinators' offices.</summary>
    private IEnumerable<Organisation> Hfs => organisations.All.Where(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Ideell);

    public async Task<Outcome<ContactPointList>> ListAsync(DirectoryQuery query, CancellationToken ct)
    {
        if (query.Page is < 1 || query.PageSize is < 1 or > MostPerPage)
        {
            return new Outcome<ContactPointList>.Invalid($"page starts at 1, pageSize is 1 to {MostPerPage}");
        }
        var on = query.On ?? Today;
        var points = await db.ContactPoints.AsNoTracking().ToListAsync(ct);
        var catchments = await db.Catchments.AsNoTracking().ToListAsync(ct);
        var byHf = catchments.ToLookup(c => c.Hf, c => c.Municipality, StringComparer.Ordinal);
        var byMunicipality = catchments.ToLookup(c => c.Municipality, c => c.Hf, StringComparer.Ordinal);
        var office = points.Where(p => p.Kind == HfOffice).ToDictionary(p => (p.Owner, p.Family));
        var hjem = points.Where(p => p.Kind == MunicipalityHjem).ToDictionary(p => p.Owner, StringComparer.Ordinal);

        var entries = new List<ContactPointEntry>();
        foreach (var hf in Hfs)
        {
            var region = organisations.RhfOf(hf.Code)?.Code is { } rhf ? (string)rhf : "";
            var catchment = byHf[hf.Code].Order(StringComparer.Ordinal).ToList();
            foreach (var family in OfficeFamilies.Select(EnumNames.Of))
            {
                var p = office.GetValueOrDefault((hf.Code, family));
                entries.Add(new ContactPointEntry(HfOffice, hf.Code, hf.Name, null, null, null, null, region, family,
                    p?.Name, p?.Phone, p?.Email, p?.Hours, p?.Address, p is not null, p?.Placeholder ?? false, null, catchment, []));
            }
        }
        foreach (var m in Municipalities.On(on))
        {
            var p = hjem.GetValueOrDefault(m.Number);
            entries.Add(new ContactPointEntry(MunicipalityHjem, null, null, m.Number, m.Name, m.County, m.CountyName, m.Rhf, null,
                p?.Name, p?.Phone, p?.Email, p?.Hours, p?.Address, p is not null, p?.Placeholder ?? false, m.ValidFrom.ToDateOnly(), [],
                byMunicipality[m.Number].Order(StringComparer.Ordinal).ToList()));
        }

        IEnumerable<ContactPointEntry> found = entries;
        if (!string.IsNullOrWhiteSpace(query.Hf))
        {
            // An HF's offices and the municipalities of its catchment area.
            var hf = query.Hf.Trim();
            found = found.Where(e => e.Kind == HfOffice ? string.Equals(e.Hf, hf, StringComparison.OrdinalIgnoreCase) : e.Hfs.Contains(hf, StringComparer.OrdinalIgnoreCase));
        }
        if (!string.IsNullOrWhiteSpace(query.Municipality))
        {
            // A municipality's contact point and the offices of the HFs that serve it: what a GP there needs.
            var number = query.Municipality.Trim();
            found = found.Where(e => e.Kind == MunicipalityHjem
                ? string.Equals(e.Municipality, number, StringComparison.Ordinal) || string.Equals(e.MunicipalityName, number, StringComparison.OrdinalIgnoreCase)
                : e.Catchment.Contains(number, StringComparer.Ordinal)
                  || Municipalities.On(on).Any(m => string.Equals(m.Name, number, StringComparison.OrdinalIgnoreCase) && e.Catchment.Contains(m.Number, StringComparer.Ordinal)));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim();
            found = found.Where(e => new[] { e.Hf, e.HfName, e.Municipality, e.MunicipalityName, e.CountyName, e.Name }
                .Any(text => text is not null && text.Contains(q, StringComparison.OrdinalIgnoreCase)));
        }
        var all = found.ToList();
        if (query.Page is null && query.PageSize is null)
        {
            return new ContactPointList(on.ToDateOnly(), all.Count, null, null, all);
        }
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 100;
        return new ContactPointList(on.ToDateOnly(), all.Count, page, size, all.Skip((page - 1) * size).Take(size).ToList());
    }

    /// <summary>
    /// The pathway coordinators' offices entered for these HFs, by HF and pathway family (kebab-case): what the patient's
    /// own view shows her beside her coordinator's name. An HF and family without an entry is simply absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Hf, string Family), ContactPointEntity>> OfficesOfAsync(IReadOnlyCollection<string> hfs, CancellationToken ct)
    {
        var owners = hfs.Distinct(StringComparer.Ordinal).ToList();
        var points = await db.ContactPoints.AsNoTracking().Where(p => p.Kind == HfOffice && owners.Contains(p.Owner)).ToListAsync(ct);
        return points.ToDictionary(p => (p.Owner, p.Family));
    }

    /// <summary>Whether the actor maintains the entries of an HF: its own administrator, or the installation's (an administrator of no HF).</summary>
    public static bool MayMaintainHf(Actor actor, string hf) =>
        actor.Role == Role.Administrator && (actor.Organisation.Length == 0 || string.Equals(actor.Organisation, hf, StringComparison.Ordinal));

    /// <summary>Whether the actor maintains a municipality's contact point: its own coordinator, or the installation's administrator.</summary>
    public static bool MayMaintainMunicipality(Actor actor, string number) =>
        (actor.Role == Role.Administrator && actor.Organisation.Length == 0)
        || (actor.Role == Role.MunicipalityCoordinator && string.Equals(actor.Organisation, number, StringComparison.Ordinal));

    public async Task<Outcome<ContactPointEntry>> SetOfficeAsync(Caller caller, string hf, string family, ContactDetails details, CancellationToken ct)
    {
        if (organisations.Find(hf) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
        {
            return new Outcome<ContactPointEntry>.NotFound($"{hf} is not an HF");
        }
        if (!MayMaintainHf(caller.Actor, hf))
        {
            return new Outcome<ContactPointEntry>.NotAllowed($"only {hf}'s administrator maintains its contact points");
        }
        if (!EnumNames.TryParse<PathwayFamily>(family, out var parsed) || !OfficeFamilies.Contains(parsed))
        {
            return new Outcome<ContactPointEntry>.Invalid($"family: '{family}' is not one of {string.Join(", ", OfficeFamilies.Select(EnumNames.Of))}");
        }
        return await SetAsync(caller, HfOffice, hf, EnumNames.Of(parsed), details, new DirectoryQuery(Hf: hf), ct);
    }

    public async Task<Outcome<ContactPointEntry>> SetMunicipalityAsync(Caller caller, string number, ContactDetails details, CancellationToken ct)
    {
        if (Municipalities.Find(number, Today) is null)
        {
            return new Outcome<ContactPointEntry>.NotFound($"{number} is not a municipality number in force today");
        }
        if (!MayMaintainMunicipality(caller.Actor, number))
        {
            return new Outcome<ContactPointEntry>.NotAllowed($"only municipality {number}'s coordinator maintains its contact point");
        }
        return await SetAsync(caller, MunicipalityHjem, number, "", details, new DirectoryQuery(Municipality: number), ct);
    }

    private async Task<Outcome<ContactPointEntry>> SetAsync(Caller caller, string kind, string owner, string family, ContactDetails details, DirectoryQuery readBack, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(details.Name))
        {
            return new Outcome<ContactPointEntry>.Invalid("name: say who answers (the office's or contact's name)");
        }
        if (string.IsNullOrWhiteSpace(details.Phone) && string.IsNullOrWhiteSpace(details.Email))
        {
            return new Outcome<ContactPointEntry>.Invalid("phone, email: give at least one way to reach the contact point");
        }
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var point = await db.ContactPoints.SingleOrDefaultAsync(p => p.Kind == kind && p.Owner == owner && p.Family == family, ct);
        if (point is null)
        {
            point = new ContactPointEntity { Kind = kind, Owner = owner, Family = family, Name = "", UpdatedBy = "" };
            db.ContactPoints.Add(point);
        }
        point.Name = details.Name.Trim();
        point.Phone = Clean(details.Phone);
        point.Email = Clean(details.Email);
        point.Hours = Clean(details.Hours);
        point.Address = Clean(details.Address);
        // Entered by the one who maintains it: no longer a placeholder.
        point.Placeholder = false;
        point.UpdatedBy = caller.Actor.UserName;
        point.UpdatedAt = clock.GetCurrentInstant().ToDateTimeUtc();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var list = ((Outcome<ContactPointList>.Ready)await ListAsync(readBack, ct)).Value;
        return list.Entries.Single(e => e.Kind == kind && (e.Hf ?? e.Municipality) == owner && (e.Family ?? "") == family);
    }

    /// <summary>Replaces the municipalities of an HF's catchment area; each must be in force today.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> SetCatchmentAsync(Caller caller, string hf, CatchmentForm form, CancellationToken ct)
    {
        if (organisations.Find(hf) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
        {
            return new Outcome<IReadOnlyList<string>>.NotFound($"{hf} is not an HF");
        }
        if (!MayMaintainHf(caller.Actor, hf))
        {
            return new Outcome<IReadOnlyList<string>>.NotAllowed($"only {hf}'s administrator sets its catchment area");
        }
        var numbers = (form.Municipalities ?? []).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (numbers.FirstOrDefault(n => Municipalities.Find(n, Today) is null) is { } unknown)
        {
            return new Outcome<IReadOnlyList<string>>.Invalid($"municipalities: {unknown} is not a municipality number in force today");
        }
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Catchments.Where(c => c.Hf == hf).ExecuteDeleteAsync(ct);
        db.Catchments.AddRange(numbers.Select(n => new CatchmentEntity { Hf = hf, Municipality = n, SetBy = caller.Actor.UserName, SetAt = now }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return numbers;
    }

    /// <summary>The directory as CSV for GP systems: RFC 4180, UTF-8, one row per entry, lists separated by spaces.</summary>
    public static string ToCsv(ContactPointList list)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "kind", "hf", "hf_name", "municipality", "municipality_name", "county", "county_name", "region", "family", "name", "phone", "email",
                         "hours", "address", "registered", "placeholder", "valid_from", "catchment", "hfs" })
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var e in list.Entries)
            {
                foreach (var field in new[] { e.Kind, e.Hf, e.HfName, e.Municipality, e.MunicipalityName, e.County, e.CountyName, e.Region, e.Family, e.Name, e.Phone, e.Email,
                             e.Hours, e.Address, e.Registered ? "true" : "false", e.Placeholder ? "true" : "false",
                             e.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(' ', e.Catchment), string.Join(' ', e.Hfs) })
                {
                    csv.WriteField(field ?? "");
                }
                csv.NextRecord();
            }
        }
        return writer.ToString();
    }
}
