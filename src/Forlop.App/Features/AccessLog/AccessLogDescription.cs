using System.Text.RegularExpressions;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// What an access-log entry says, for a reader. The entries keep the words they were written with (they are sealed
/// in the tamper-evident chain, and the API and the per-patient export give them as written); the page shows each
/// as a sentence of WebTexts in the reader's language (<c>AccessLog.What.*</c>), filled with the entry's own ids.
/// A description of no kind known here is shown as it is rather than hidden.
/// </summary>
public static partial class AccessLogDescription
{
    /// <summary>The text key and its arguments for a description; null when it is of no known kind.</summary>
    public static (string Key, string[] Arguments)? Parse(string what)
    {
        foreach (var (key, pattern) in Kinds)
        {
            if (pattern.Match(what) is { Success: true } match)
            {
                return ("AccessLog.What." + key, match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToArray());
            }
        }
        return null;
    }

    /// <summary>Every kind of description the application writes (see the callers of <c>Caller.Entry</c>).</summary>
    public static readonly IReadOnlyList<(string Key, Regex Pattern)> Kinds =
    [
        ("Timeline", Timeline()),
        ("TrackingList", TrackingList()),
        ("Assigned", Assigned()),
        ("Unassigned", Unassigned()),
        ("Withdrew", Withdrew()),
        ("Corrected", Corrected()),
        // Before Registered: a decision of an MDT meeting is a registration with its meeting named.
        ("MdtDecision", MdtDecision()),
        ("Registered", Registered()),
        ("Dashboard", Dashboard()),
        ("DashboardExport", DashboardExport()),
        ("Search", Search()),
        ("Exported", Exported()),
        ("PatientEpisodes", PatientEpisodes()),
        ("History", History()),
        ("DeviationReason", DeviationReason()),
        ("ActionDone", ActionDone()),
        ("ActionUndone", ActionUndone()),
        ("MdtList", MdtList()),
        ("MdtListPrinted", MdtListPrinted()),
        ("MdtListed", MdtListed()),
        ("Slots", Slots()),
        ("SlotBooked", SlotBooked()),
        ("FhirEpisode", FhirEpisode()),
        // The patient's own view and experience surveys (decision 0029).
        ("PatientOwnView", PatientOwnView()),
        ("PatientAccessLog", PatientAccessLog()),
        ("RelativeView", RelativeView()),
        ("RelativeList", RelativeList()),
        ("ConsentGiven", ConsentGiven()),
        ("ConsentRevoked", ConsentRevoked()),
        ("SurveyInvitation", SurveyInvitation()),
        ("PatientConsents", PatientConsents()),
        ("Delivery", Delivery()),
        ("CountPreview", CountPreview()),
        ("ImportFeedback", ImportFeedback()),
        ("ImportFeedbackCsv", ImportFeedbackCsv()),
        ("HjemHandOver", HjemHandOver()),
        ("HjemDue", HjemDue()),
        ("HjemHandedOver", HjemHandedOver()),
        ("HjemReceived", HjemReceived()),
        ("HjemConversation", HjemConversation()),
    ];

    [GeneratedRegex(@"^hjem hand-over: hand-over (\d+), episode (\d+)$")]
    private static partial Regex HjemHandOver();

    [GeneratedRegex(@"^hjem due list: hand-over (\d+), episode (\d+)$")]
    private static partial Regex HjemDue();

    [GeneratedRegex(@"^handed over the needs assessment of episode (\d+) to municipality (\d+)$")]
    private static partial Regex HjemHandedOver();

    [GeneratedRegex(@"^confirmed receipt of hjem hand-over (\d+)$")]
    private static partial Regex HjemReceived();

    [GeneratedRegex(@"^recorded the (\S+) hjem conversation of hand-over (\d+)$")]
    private static partial Regex HjemConversation();

    [GeneratedRegex(@"^registered (.*) as record (.+); decision of MDT meeting (\d+)$")]
    private static partial Regex MdtDecision();

    [GeneratedRegex(@"^MDT list: meeting (\d+), episode (\d+)$")]
    private static partial Regex MdtList();

    [GeneratedRegex(@"^MDT list as PDF: meeting (\d+), episode (\d+)$")]
    private static partial Regex MdtListPrinted();

    [GeneratedRegex(@"^listed episode (\d+) for MDT meeting (\d+)$")]
    private static partial Regex MdtListed();

    [GeneratedRegex(@"^slots: episode (\d+)$")]
    private static partial Regex Slots();

    [GeneratedRegex(@"^booked slot (\d+) \((\S+) (\S+)\) for episode (\d+)$")]
    private static partial Regex SlotBooked();

    [GeneratedRegex(@"^timeline: episode (\d+)$")]
    private static partial Regex Timeline();

    [GeneratedRegex(@"^tracking list: episode (\d+)$")]
    private static partial Regex TrackingList();

    [GeneratedRegex(@"^assigned episode (\d+) to (.+)$")]
    private static partial Regex Assigned();

    [GeneratedRegex(@"^removed the coordinator of episode (\d+)$")]
    private static partial Regex Unassigned();

    [GeneratedRegex(@"^withdrew record (.+)$")]
    private static partial Regex Withdrew();

    [GeneratedRegex(@"^corrected record (.+?): (.*)$")]
    private static partial Regex Corrected();

    [GeneratedRegex(@"^registered (.*) as record (.+)$")]
    private static partial Regex Registered();

    [GeneratedRegex(@"^dashboard (\S+) (\S+) (\S+) (\S+) (\S+): episode (.+)$")]
    private static partial Regex Dashboard();

    [GeneratedRegex(@"^dashboard export (\S+) (\S+) (\S+) (\S+) (\S+) (\S+): episode (.+)$")]
    private static partial Regex DashboardExport();

    [GeneratedRegex(@"^access-log search$")]
    private static partial Regex Search();

    [GeneratedRegex(@"^exported the patient's access log$")]
    private static partial Regex Exported();

    [GeneratedRegex(@"^patient's episodes$")]
    private static partial Regex PatientEpisodes();

    [GeneratedRegex(@"^forlop history$")]
    private static partial Regex History();

    [GeneratedRegex(@"^deviation reason for (\S+) of episode (\d+): (.+)$")]
    private static partial Regex DeviationReason();

    [GeneratedRegex(@"^recommended action (\S+) of episode (\d+) done (\S+)$")]
    private static partial Regex ActionDone();

    [GeneratedRegex(@"^recommended action (\S+) of episode (\d+) not done$")]
    private static partial Regex ActionUndone();

    /// <summary>FhirEpisodes: an EpisodeOfCare or its Encounters read over /fhir.</summary>
    [GeneratedRegex(@"^fhir: episode (\d+)$")]
    private static partial Regex FhirEpisode();

    [GeneratedRegex(@"^patient's own view$")]
    private static partial Regex PatientOwnView();

    [GeneratedRegex(@"^patient's own access log$")]
    private static partial Regex PatientAccessLog();

    [GeneratedRegex(@"^relative's view: consent (\d+)$")]
    private static partial Regex RelativeView();

    [GeneratedRegex(@"^relative's list: consent (\d+)$")]
    private static partial Regex RelativeList();

    [GeneratedRegex(@"^consent (\d+) given to a relative$")]
    private static partial Regex ConsentGiven();

    [GeneratedRegex(@"^consent (\d+) revoked$")]
    private static partial Regex ConsentRevoked();

    [GeneratedRegex(@"^survey invitation \((\S+)\) for episode (\d+)$")]
    private static partial Regex SurveyInvitation();

    [GeneratedRegex(@"^patient's consents$")]
    private static partial Regex PatientConsents();
    /// <summary>MonthlyDelivery: a patient's pathways in a month's delivery to an HF or RHF.</summary>
    [GeneratedRegex(@"^delivery (\S+) (\S+): episode (.+)$")]
    private static partial Regex Delivery();
    /// <summary>Counting: "Will this patient count?" (CountPreviewQuery).</summary>
    [GeneratedRegex(@"^count preview (\S+) (\S+): episode (.+)$")]
    private static partial Regex CountPreview();

    /// <summary>ImportFeedback: a page of a delivery's feedback document (ImportFeedbackQuery).</summary>
    [GeneratedRegex(@"^import feedback (\d+)$")]
    private static partial Regex ImportFeedback();

    [GeneratedRegex(@"^import feedback (\d+) csv$")]
    private static partial Regex ImportFeedbackCsv();
}
