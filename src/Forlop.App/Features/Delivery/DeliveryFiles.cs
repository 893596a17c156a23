using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Forlop.App.Features.Exports;
using Forlop.Domain;
using NodaTime;
using Parquet;
using Parquet.Serialization;
using System.Text.Json.Serialization;

namespace Forlop.App.Features.Delivery;

/// <summary>
/// The delivery as a file: CSV (the export's dialect: comma, CRLF, UTF-8 with a byte-order mark, ISO dates) or Parquet
/// (Parquet.Net: typed columns, one row group). Both hold nothing that changes between two runs over the same rows —
/// no time of writing — so a locked month's file is the same bytes every time it is made.
/// </summary>
public static class DeliveryFiles
{
    /// <summary>The columns, in order; the Parquet file uses the same names.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "patient_id", "pathway", "episode_id", "hf", "rhf",
        "start_date", "start_institution", "seniority_date",
        "first_attendance_date", "first_attendance_institution",
        "decision_date", "decision_code", "decision_institution",
        "treatment_date", "treatment_code", "treatment_type", "treatment_institution",
        "end_date", "end_code", "end_institution",
        .. MonthlyDelivery.IntervalIds.SelectMany(id => new[] { Lower(id) + "_length", Lower(id) + "_standard", Lower(id) + "_status" }),
        "transferred", "transferred_from_hf", "publication",
    ];

    private static string Lower(string id) => id.ToLowerInvariant();

    public static byte[] ToCsv(DeliveryFile file)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, CsvExport.Encoding, leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }
            csv.NextRecord();
            foreach (var row in file.Rows)
            {
                foreach (var cell in Cells(row))
                {
                    csv.WriteField(cell);
                }
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private static IEnumerable<string> Cells(DeliveryRow r)
    {
        static string D(LocalDate? d) => d is { } day ? IsoDate.Text(day) : "";
        static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        string[] head =
        [
            r.PatientId, r.Pathway, N(r.EpisodeId), r.Hf, r.Rhf,
            D(r.StartDate), r.StartInstitution, D(r.SeniorityDate),
            D(r.FirstAttendanceDate), r.FirstAttendanceInstitution ?? "",
            D(r.DecisionDate), r.DecisionCode ?? "", r.DecisionInstitution ?? "",
            D(r.TreatmentDate), r.TreatmentCode ?? "", r.TreatmentType ?? "", r.TreatmentInstitution ?? "",
            D(r.EndDate), r.EndCode ?? "", r.EndInstitution ?? "",
        ];
        return head
            .Concat(r.Intervals.SelectMany(i => new[] { N(i.Length), N(i.Standard), i.Status ?? "" }))
            .Concat([r.Transferred ? "yes" : "no", r.TransferredFromHf ?? "", r.Publication]);
    }

    /// <summary>A row of the Parquet file: the CSV's columns, typed (dates as DATE, lengths as INT64).</summary>
    public sealed class ParquetRow
    {
        [JsonPropertyName("patient_id")] public string PatientId { get; set; } = "";
        [JsonPropertyName("pathway")] public string Pathway { get; set; } = "";
        [JsonPropertyName("episode_id")] public long EpisodeId { get; set; }
        [JsonPropertyName("hf")] public string Hf { get; set; } = "";
        [JsonPropertyName("rhf")] public string Rhf { get; set; } = "";
        [JsonPropertyName("start_date")] public DateOnly StartDate { get; set; }
        [JsonPropertyName("start_institution")] public string StartInstitution { get; set; } = "";
        [JsonPropertyName("seniority_date")] public DateOnly SeniorityDate { get; set; }
        [JsonPropertyName("first_attendance_date")] public DateOnly? FirstAttendanceDate { get; set; }
        [JsonPropertyName("first_attendance_institution")] public string? FirstAttendanceInstitution { get; set; }
        [JsonPropertyName("decision_date")] public DateOnly? DecisionDate { get; set; }
        [JsonPropertyName("decision_code")] public string? DecisionCode { get; set; }
        [JsonPropertyName("decision_institution")] public string? DecisionInstitution { get; set; }
        [JsonPropertyName("treatment_date")] public DateOnly? TreatmentDate { get; set; }
        [JsonPropertyName("treatment_code")] public string? TreatmentCode { get; set; }
        [JsonPropertyName("treatment_type")] public string? TreatmentType { get; set; }
        [JsonPropertyName("treatment_institution")] public string? TreatmentInstitution { get; set; }
        [JsonPropertyName("end_date")] public DateOnly? EndDate { get; set; }
        [JsonPropertyName("end_code")] public string? EndCode { get; set; }
        [JsonPropertyName("end_institution")] public string? EndInstitution { get; set; }
        [JsonPropertyName("of1_length")] public long? Of1Length { get; set; }
        [JsonPropertyName("of1_standard")] public int? Of1Standard { get; set; }
        [JsonPropertyName("of1_status")] public string? Of1Status { get; set; }
        [JsonPropertyName("of2_length")] public long? Of2Length { get; set; }
        [JsonPropertyName("of2_standard")] public int? Of2Standard { get; set; }
        [JsonPropertyName("of2_status")] public string? Of2Status { get; set; }
        [JsonPropertyName("of3_length")] public long? Of3Length { get; set; }
        [JsonPropertyName("of3_standard")] public int? Of3Standard { get; set; }
        [JsonPropertyName("of3_status")] public string? Of3Status { get; set; }
        [JsonPropertyName("of4_length")] public long? Of4Length { get; set; }
        [JsonPropertyName("of4_standard")] public int? Of4Standard { get; set; }
        [JsonPropertyName("of4_status")] public string? Of4Status { get; set; }
        [JsonPropertyName("transferred")] public bool Transferred { get; set; }
        [JsonPropertyName("transferred_from_hf")] public string? TransferredFromHf { get; set; }
        [JsonPropertyName("publication")] public string Publication { get; set; } = "";
    }

    public static async Task<byte[]> ToParquetAsync(DeliveryFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var rows = file.Rows.Select(ToParquetRow).ToList();
        await ParquetSerializer.SerializeAsync(rows, buffer, new ParquetOptions { UseDateOnlyTypeForDates = true }, null, ct);
        return buffer.ToArray();
    }

    private static ParquetRow ToParquetRow(DeliveryRow r)
    {
        static DateOnly? D(LocalDate? d) => d?.ToDateOnly();
        var i = r.Intervals;
        return new ParquetRow
        {
            PatientId = r.PatientId, Pathway = r.Pathway, EpisodeId = r.EpisodeId, Hf = r.Hf, Rhf = r.Rhf,
            StartDate = r.StartDate.ToDateOnly(), StartInstitution = r.StartInstitution, SeniorityDate = r.SeniorityDate.ToDateOnly(),
            FirstAttendanceDate = D(r.FirstAttendanceDate), FirstAttendanceInstitution = r.FirstAttendanceInstitution,
            DecisionDate = D(r.DecisionDate), DecisionCode = r.DecisionCode, DecisionInstitution = r.DecisionInstitution,
            TreatmentDate = D(r.TreatmentDate), TreatmentCode = r.TreatmentCode, TreatmentType = r.TreatmentType, TreatmentInstitution = r.TreatmentInstitution,
            EndDate = D(r.EndDate), EndCode = r.EndCode, EndInstitution = r.EndInstitution,
            Of1Length = i[0].Length, Of1Standard = i[0].Standard, Of1Status = i[0].Status,
            Of2Length = i[1].Length, Of2Standard = i[1].Standard, Of2Status = i[1].Status,
            Of3Length = i[2].Length, Of3Standard = i[2].Standard, Of3Status = i[2].Status,
            Of4Length = i[3].Length, Of4Standard = i[3].Standard, Of4Status = i[3].Status,
            Transferred = r.Transferred, TransferredFromHf = r.TransferredFromHf, Publication = r.Publication,
        };
    }
}
