using Forlop.Domain;
using System.Text.RegularExpressions;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Features.Exports;

/// <summary>
/// The indicator warnings in Norwegian for the files people read (Excel, PDF). The domain writes them in English for
/// the command line and the API, where they are part of the contract; the files for people say the same in bokmål.
/// A warning of a kind not known here is kept as it is rather than lost.
/// </summary>
public static partial class ExportNotes
{
    public static string Norwegian(string warning)
    {
        // CompletedWithinStandard: "3 completed A01 surgery pathway(s) not counted: the catalogue has no OF4 standard for them"
        if (CompletedNotCounted().Match(warning) is { Success: true } completed)
        {
            return $"{completed.Groups["n"].Value} gjennomførte forløp i {completed.Groups["pathway"].Value} ({Treatment(completed.Groups["treatment"].Value)}) "
                + $"er ikke talt med: katalogen har ingen standard for {completed.Groups["interval"].Value} for dem";
        }
        // The indicator cubes: "3 measured OF4 of A01 (surgery) not counted: the catalogue has no standard for them"
        if (MeasuredNotCounted().Match(warning) is { Success: true } measured)
        {
            var treatment = measured.Groups["treatment"].Success ? $" ({Treatment(measured.Groups["treatment"].Value)})" : "";
            return $"{measured.Groups["n"].Value} målte {measured.Groups["interval"].Value} i {measured.Groups["pathway"].Value}{treatment} "
                + "er ikke talt med: katalogen har ingen standard for dem";
        }
        return warning;
    }

    /// <summary>A treatment type as the catalogue writes it (kebab case), in bokmål.</summary>
    public static string Treatment(string kebab) =>
        EnumNames.TryParse<TreatmentType>(kebab, out var treatment) ? Treatment(treatment) : kebab;

    /// <summary>A treatment type in bokmål, as the coding guide names the treatments (FK, FM, FS, FL, FO).</summary>
    public static string Treatment(TreatmentType treatment) => treatment switch
    {
        TreatmentType.None => "uten behandlingstype",
        TreatmentType.Surgery => "kirurgisk behandling",
        TreatmentType.Drug => "medikamentell behandling",
        TreatmentType.Radiotherapy => "strålebehandling",
        TreatmentType.SymptomRelief => "symptomlindrende behandling",
        TreatmentType.Surveillance => "monitorering uten behandling",
        TreatmentType.NoTreatment => "ingen behandling",
        _ => EnumNames.Of(treatment),
    };

    [GeneratedRegex(@"^(?<n>\d+) completed (?<pathway>\S+) (?<treatment>\S+) pathway\(s\) not counted: the catalogue has no (?<interval>\S+) standard for them$")]
    private static partial Regex CompletedNotCounted();

    [GeneratedRegex(@"^(?<n>\d+) measured (?<interval>\S+) of (?<pathway>\S+)( \((?<treatment>[^)]+)\))? not counted: the catalogue has no standard for them$")]
    private static partial Regex MeasuredNotCounted();
}
