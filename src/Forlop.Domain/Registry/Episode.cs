using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Registry;

/// <summary>
/// A coded event in its current version: the newest row of its correction chain, not withdrawn.
/// <see cref="RootId"/> is the id of the chain's first row and stays the same through corrections.
/// </summary>
public sealed record RegisteredEvent(
    long Id,
    long RootId,
    string Organisation,
    string RecordId,
    string Code,
    LocalDate Date,
    LocalTime? Time,
    string? Outcome,
    CareSetting Setting = CareSetting.Any);

/// <summary>An event placed in an episode, with what the catalogue says it means.</summary>
public sealed record EpisodeEvent(RegisteredEvent Event, EventDefinition Definition)
{
    public LocalDate Date => Event.Date;
    public string Code => Event.Code;
    public EventKind Kind => Definition.Kind;
}

/// <summary>How far an episode has come.</summary>
public enum EpisodeState
{
    /// <summary>Started; waiting for the first attendance.</summary>
    AwaitingFirstAttendance,
    /// <summary>Under investigation (utredning): first attendance done, no decision yet.</summary>
    UnderInvestigation,
    /// <summary>Decision taken; waiting for the start of treatment (or the next point).</summary>
    AwaitingTreatment,
    /// <summary>Ended with a start of treatment (including surveillance and no treatment).</summary>
    TreatmentStarted,
    /// <summary>Ended by a decision that ends the pathway (other disease, no disease, other cancer).</summary>
    EndedByDecision,
    /// <summary>Responsibility moved to another HF.</summary>
    Transferred,
    /// <summary>Stopped: the patient declined, moved, or died.</summary>
    Stopped,
    /// <summary>Ended by an end code (mental health and substance use).</summary>
    Ended,
}

/// <summary>
/// A patient's pathway episode (forløp) at one HF: opened by a start code and closed by the code that ends it.
/// An episode begun after a transfer from another HF keeps the first start of the journey as its
/// <see cref="SeniorityDate"/> (ansiennitetsdato), from which the national pathway times count.
/// Its <see cref="Id"/> is the root id of its start event, so it is stable through corrections.
/// </summary>
public sealed class Episode
{
    private readonly List<EpisodeEvent> _events = [];

    internal Episode(Pathway pathway, string hf, EpisodeEvent start, Episode? transferredFrom)
    {
        Pathway = pathway;
        Hf = hf;
        Start = start;
        TransferredFrom = transferredFrom;
        SeniorityDate = transferredFrom?.SeniorityDate ?? start.Date;
        _events.Add(start);
    }

    public long Id => Start.Event.RootId;
    public Pathway Pathway { get; }
    /// <summary>The HF-level organisation the episode belongs to.</summary>
    public string Hf { get; }
    public EpisodeEvent Start { get; }
    public LocalDate StartDate => Start.Date;
    /// <summary>The first start of the patient's journey in this pathway, across transfers between HFs.</summary>
    public LocalDate SeniorityDate { get; private set; }
    public Episode? TransferredFrom { get; private set; }
    public Episode? TransferredTo { get; internal set; }
    /// <summary>The event that closed the episode; null while it is open.</summary>
    public EpisodeEvent? Ending { get; private set; }
    public bool IsOpen => Ending is null && ClosedBy is null;

    /// <summary>
    /// In a pathway with no code that ends an episode (stroke, Pakkeforløp hjem), the next start at the same HF
    /// closes the one before; this is that start.
    /// </summary>
    public EpisodeEvent? ClosedBy { get; private set; }

    internal void CloseByNextStart(EpisodeEvent next) => ClosedBy = next;
    public IReadOnlyList<EpisodeEvent> Events => _events;

    public EpisodeEvent? FirstAttendance => First(EventKind.FirstAttendance);
    public EpisodeEvent? Decision => First(EventKind.Decision);
    public EpisodeEvent? Treatment => First(EventKind.Treatment);

    public EpisodeState State => ClosedBy is not null ? EpisodeState.Ended : Ending?.Kind switch
    {
        null => Decision is not null ? EpisodeState.AwaitingTreatment
            : FirstAttendance is not null ? EpisodeState.UnderInvestigation
            : EpisodeState.AwaitingFirstAttendance,
        EventKind.Treatment => EpisodeState.TreatmentStarted,
        EventKind.Decision => EpisodeState.EndedByDecision,
        EventKind.Transfer => EpisodeState.Transferred,
        EventKind.Stop => EpisodeState.Stopped,
        _ => EpisodeState.Ended,
    };

    /// <summary>
    /// Joins the journey of <paramref name="from"/>, whose transfer is dated this episode's start day and so was
    /// linked after this start (a day's starts are linked first). Episodes this one was transferred on to follow.
    /// </summary>
    internal void ContinueFrom(Episode from)
    {
        TransferredFrom = from;
        from.TransferredTo = this;
        for (var e = this; e is not null; e = e.TransferredTo)
        {
            e.SeniorityDate = from.SeniorityDate;
        }
    }

    private EpisodeEvent? First(EventKind kind) => _events.FirstOrDefault(e => e.Kind == kind);

    internal void Add(EpisodeEvent e)
    {
        _events.Add(e);
        if (e.Definition.EndsEpisode)
        {
            Ending = e;
        }
    }
}
