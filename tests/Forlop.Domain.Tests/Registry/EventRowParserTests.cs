using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Tests.Registry;

public class EventRowParserTests
{
    private static readonly LocalDate Today = new(2024, 6, 15);
    private static readonly EventRowParser Parser = new(TestCatalogue.Instance, TestOrganisations.Directory);

    /// <summary>A row that passes every field check; each test changes one field.</summary>
    private static readonly EventRowText Valid = new(
        RecordId: "r000001", PatientId: TestPatients.Adult, Organisation: "AHUS", Code: "A12A", Date: "2016-09-05",
        Time: null, Outcome: null, Replaces: null, Cancel: null);

    private static ParsedEventRow Accepted(EventRowText row, LocalDate? today = null)
    {
        var parsed = Parser.Parse(row, today ?? Today, out var refusal);
        Assert.True(refusal is null, $"refused: {refusal}");
        Assert.NotNull(parsed);
        return parsed;
    }

    private static Refusal Refused(EventRowText row, string column, LocalDate? today = null)
    {
        var parsed = Parser.Parse(row, today ?? Today, out var refusal);
        Assert.Null(parsed);
        Assert.NotNull(refusal);
        Assert.Equal(column, refusal.Column);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        NorwegianText.AssertWritten(refusal);
        return refusal;
    }

    [Fact]
    public void Parse_ValidRow_GivesTheSubmission()
    {
        var parsed = Accepted(Valid);

        Assert.Equal(TestPatients.Adult, parsed.Patient.Value);
        Assert.Equal(new EventSubmission("AHUS", "r000001", "A12A", new LocalDate(2016, 9, 5), null, null, null, false), parsed.Submission);
    }

    [Theory]
    [InlineData("r000001")]                  // the worked example's form
    [InlineData("a-77")]                     // the contract's example
    [InlineData("A.b_c:d-0")]                // every punctuation mark the contract allows
    [InlineData("7")]                        // one character is enough
    public void Parse_RecordIdOfAllowedCharacters_IsAccepted(string recordId) =>
        Assert.Equal(recordId, Accepted(Valid with { RecordId = recordId }).Submission.RecordId);

    [Theory]
    [InlineData("r 1")]                      // a space
    [InlineData("r/1")]                      // a slash
    [InlineData("ræ1")]                      // a letter outside A–Z
    [InlineData("r1,")]                      // a comma that escaped the CSV quoting
    public void Parse_RecordIdWithOtherCharacters_IsRefused(string recordId) =>
        Assert.Contains(recordId, Refused(Valid with { RecordId = recordId }, "record_id").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(64, true)]                   // the longest allowed
    [InlineData(65, false)]                  // one over
    public void Parse_RecordIdLength_IsLimitedTo64(int length, bool accepted)
    {
        var row = Valid with { RecordId = new string('x', length) };
        if (accepted)
        {
            Accepted(row);
        }
        else
        {
            Refused(row, "record_id");
        }
    }

    [Theory]
    [InlineData(null)]                       // column absent
    [InlineData("")]                         // column empty
    [InlineData("   ")]                      // only blanks
    public void Parse_RecordIdMissing_IsRefused(string? recordId) =>
        Assert.Contains("missing", Refused(Valid with { RecordId = recordId }, "record_id").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(TestPatients.Adult)]         // synthetic number, month + 80
    [InlineData("41019012393")]              // D-number, day + 40
    [InlineData("01509012330")]              // H-number, month + 40
    public void Parse_ValidIdentityNumber_IsAccepted(string patientId) =>
        Assert.Equal(patientId, Accepted(Valid with { PatientId = patientId }).Patient.Value);

    [Theory]
    [InlineData("04837200797", "check digits")]   // last check digit changed
    [InlineData("0483720079", "11 digits")]       // a digit short
    [InlineData("30029012373", "birth date")]     // 30 February, with valid check digits
    [InlineData("", "missing")]                   // empty
    [InlineData(null, "missing")]                 // column absent
    public void Parse_InvalidIdentityNumber_IsRefused(string? patientId, string reason) =>
        Assert.Contains(reason, Refused(Valid with { PatientId = patientId }, "patient_id").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("AHUS", "AHUS")]             // an HF
    [InlineData("LDS", "LDS")]               // an ideell hospital registers its own events
    [InlineData("AHUS-KIR", "AHUS-KIR")]     // a unit under an HF: the episode is the HF's, the row keeps the unit
    public void Parse_KnownRegisteringOrganisation_IsAccepted(string organisation, string expected) =>
        Assert.Equal(expected, Accepted(Valid with { Organisation = organisation }).Submission.Organisation);

    [Fact]
    public void Parse_UnknownOrganisation_IsRefused() =>
        Assert.Contains("XYZ is not a known organisation", Refused(Valid with { Organisation = "XYZ" }, "organisation").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_OrganisationCodeInOtherCase_IsRefused() =>
        Refused(Valid with { Organisation = "ahus" }, "organisation");

    [Fact]
    public void Parse_RegionalHealthAuthorityAsOrganisation_IsRefused() =>
        Assert.Contains("regional health authority", Refused(Valid with { Organisation = "HSO" }, "organisation").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_MissingOrganisation_IsRefused() =>
        Assert.Contains("missing", Refused(Valid with { Organisation = "" }, "organisation").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("A99A", "not a code in the catalogue")]  // a pathway the catalogue does not have
    [InlineData("A12Z", "not a code in the catalogue")]  // a letter A12 does not use
    [InlineData("a12a", "not a code in the catalogue")]  // codes compare ordinally
    [InlineData("", "missing")]                          // empty, and not a withdrawal
    public void Parse_UnknownOrMissingCode_IsRefused(string code, string reason) =>
        Assert.Contains(reason, Refused(Valid with { Code = code }, "code").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("A12CK")]                    // a decision
    [InlineData("A12FS")]                    // a treatment
    [InlineData("A37O")]                     // a transfer in another pathway
    public void Parse_CatalogueCode_IsAccepted(string code) =>
        Assert.Equal(code, Accepted(Valid with { Code = code }).Submission.Code);

    [Theory]
    [InlineData("2031-02-30", "2031-02-30 is not a date")]  // the contract's example: no 30 February
    [InlineData("2015-02-29", "is not a date")]             // not a leap year
    [InlineData("2016-13-01", "is not a date")]             // month 13
    [InlineData("2016-09-00", "is not a date")]             // day 0
    [InlineData("2016-9-5", "is not a date")]               // digits missing
    [InlineData("05.09.2016", "is not a date")]             // Norwegian notation
    [InlineData("2016-09-05T10:00", "is not a date")]       // a timestamp
    [InlineData("", "is missing")]                          // empty
    public void Parse_MissingOrImpossibleDate_IsRefused(string date, string reason) =>
        Assert.Contains(reason, Refused(Valid with { Date = date }, "date").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_LeapDay_IsAccepted() =>
        Assert.Equal(new LocalDate(2016, 2, 29), Accepted(Valid with { Date = "2016-02-29" }).Submission.Date);

    [Theory]
    [InlineData("2024-06-15", true)]         // today
    [InlineData("2024-06-16", false)]        // tomorrow
    public void Parse_Date_MayNotBeAfterToday(string date, bool accepted)
    {
        var row = Valid with { Date = date };
        if (accepted)
        {
            Accepted(row);
        }
        else
        {
            Assert.Contains("in the future", Refused(row, "date").Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_FutureDate_DependsOnTheTodayPassedIn() =>
        Refused(Valid with { Date = "2016-09-06" }, "date", today: new LocalDate(2016, 9, 5));

    [Theory]
    [InlineData("2016-09-01", true)]         // the day of birth
    [InlineData("2016-08-31", false)]        // the day before
    public void Parse_Date_MayNotBeBeforeBirth(string date, bool accepted)
    {
        var row = Valid with { PatientId = TestPatients.Newborn, Date = date };
        if (accepted)
        {
            Accepted(row);
        }
        else
        {
            Assert.Contains("before the patient was born (2016-09-01)", Refused(row, "date").Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2021-04-30", true)]         // the last day the withdrawn pathway's codes may be used
    [InlineData("2021-05-01", false)]        // the first day after
    [InlineData("2015-09-01", true)]         // the pathway's first day
    [InlineData("2015-08-31", false)]        // before the pathway began
    public void Parse_CodeOfWithdrawnPathway_IsOnlyAcceptedWhileInForce(string date, bool accepted)
    {
        var row = Valid with { Code = "A32A", Date = date };
        if (accepted)
        {
            Accepted(row);
        }
        else
        {
            Assert.Contains("A32A cannot be used", Refused(row, "code").Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_CodeAfterWithdrawal_SaysWhenThePathwayWasWithdrawn() =>
        Assert.Contains("after 2021-04-30", Refused(Valid with { Code = "A32FM", Date = "2021-05-01" }, "code").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("07:30", 7, 30)]             // two-digit hour
    [InlineData("00:00", 0, 0)]              // midnight
    [InlineData("23:59", 23, 59)]            // the last minute of the day
    public void Parse_MinutePathwayWithTime_IsAccepted(string time, int hour, int minute) =>
        Assert.Equal(new LocalTime(hour, minute), Accepted(Valid with { Code = "HSMP1", Date = "2024-03-31", Time = time }).Submission.Time);

    [Theory]
    [InlineData(null)]                       // column absent
    [InlineData("")]                         // column empty
    public void Parse_MinutePathwayWithoutTime_IsRefused(string? time) =>
        Assert.Contains("is required for HSMP1", Refused(Valid with { Code = "HSMP1", Date = "2024-03-31", Time = time }, "time").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("7:30")]                     // one-digit hour
    [InlineData("24:00")]                    // no hour 24
    [InlineData("12:60")]                    // no minute 60
    [InlineData("07:30:00")]                 // seconds are not part of the format
    [InlineData("7.30")]                     // Norwegian notation
    [InlineData("7pm")]                      // 12-hour clock
    public void Parse_TimeNotInHhMm_IsRefused(string time) =>
        Assert.Contains("is not a time (HH:MM", Refused(Valid with { Code = "HSMP1", Date = "2024-03-31", Time = time }, "time").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]                       // day pathways need no time
    [InlineData("08:15")]                    // but may carry one
    public void Parse_DayPathwayTime_IsOptional(string? time) =>
        Accepted(Valid with { Time = time });

    [Fact]
    public void Parse_DayPathwayWithBadTime_IsRefused() =>
        Refused(Valid with { Time = "8" }, "time");

    [Fact]
    public void Parse_MentalHealthEventWithKnownOutcome_IsAccepted() =>
        Assert.Equal("D01U1", Accepted(Valid with { Code = "D01A", Date = "2019-03-01", Outcome = "D01U1" }).Submission.Outcome);

    // reference/pathways.md §2: a prefixed code (the older shape) carries the pathway and the point in itself, so it
    // needs no outcome; the current shape's shared event codes do (RealCatalogue/MentalHealthShapesTests).
    [Theory]
    [InlineData(null)]                       // column absent
    [InlineData(" ")]                        // blank
    public void Parse_MentalHealthPrefixedCodeWithoutOutcome_IsAccepted(string? outcome) =>
        Assert.Null(Accepted(Valid with { Code = "D01A", Date = "2019-03-01", Outcome = outcome }).Submission.Outcome);

    [Theory]
    [InlineData("D01U9")]                    // not in the pathway's list
    [InlineData("d01u1")]                    // outcome codes compare ordinally
    public void Parse_MentalHealthEventWithUnknownOutcome_IsRefused(string outcome) =>
        Assert.Contains("is not an outcome code", Refused(Valid with { Code = "D01A", Date = "2019-03-01", Outcome = outcome }, "outcome").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_CancerEventWithOutcome_IsRefused() =>
        Assert.Contains("A12A takes no outcome code", Refused(Valid with { Outcome = "D01U1" }, "outcome").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("true")]                     // the contract's spelling
    [InlineData("TRUE")]                     // spreadsheets write booleans in capitals
    [InlineData("True")]                     // and .NET writes them like this
    public void Parse_Withdrawal_NeedsNoCodeOrDate(string cancel)
    {
        var parsed = Accepted(Valid with { Code = "", Date = "", Replaces = "r000000", Cancel = cancel });

        Assert.True(parsed.Submission.Cancel);
        Assert.Equal("r000000", parsed.Submission.Replaces);
        Assert.Null(parsed.Submission.Code);
        Assert.Null(parsed.Submission.Date);
    }

    [Theory]
    [InlineData("false")]                    // spelt out
    [InlineData("")]                         // empty column
    [InlineData(null)]                       // absent column
    public void Parse_CancelFalseOrEmpty_IsAnOrdinaryRow(string? cancel) =>
        Assert.False(Accepted(Valid with { Cancel = cancel }).Submission.Cancel);

    [Theory]
    [InlineData("yes")]                      // not the contract's spelling
    [InlineData("1")]                        // nor a number
    [InlineData("x")]                        // nor a mark in a spreadsheet cell
    public void Parse_OtherCancelValue_IsRefused(string cancel) =>
        Assert.Contains("must be true, false or empty", Refused(Valid with { Replaces = "r000000", Cancel = cancel }, "cancel").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_CancelWithoutReplaces_IsRefused() =>
        Assert.Contains("must name the record it withdraws", Refused(Valid with { Code = "", Date = "", Cancel = "true" }, "replaces").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_Correction_KeepsWhatItReplaces() =>
        Assert.Equal("r000000", Accepted(Valid with { Replaces = "r000000" }).Submission.Replaces);

    [Fact]
    public void Parse_ReplacesItself_IsRefused() =>
        Assert.Contains("cannot replace itself", Refused(Valid with { Replaces = "r000001" }, "replaces").Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_ReplacesWhatIsNotARecordId_IsRefused() =>
        Refused(Valid with { Replaces = "r 0" }, "replaces");

    [Fact]
    public void Parse_VeryLongBadValue_IsShortenedInTheMessage()
    {
        var refusal = Refused(Valid with { Code = new string('Q', 100_000) }, "code");

        Assert.True(refusal.Message.Length < 200, refusal.Message);
    }

    // The coordinators' form shows the bokmål text beside the field; every refusal above checks it is there
    // (see Refused), and these pin a few as a coordinator reads them.

    [Fact]
    public void Parse_ImpossibleDate_IsExplainedInNorwegianWithTheDateAsTyped() =>
        Assert.Equal("«2031-02-30» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).", Refused(Valid with { Date = "2031-02-30" }, "date").Reason.Nb);

    [Fact]
    public void Parse_DateBeforeBirth_IsExplainedInNorwegianWithNorwegianDates() =>
        Assert.Equal("Datoen 31.08.2016 er før pasienten ble født (01.09.2016).",
            Refused(Valid with { PatientId = TestPatients.Newborn, Date = "2016-08-31" }, "date").Reason.Nb);

    [Fact]
    public void Parse_WrongCheckDigits_IsExplainedInNorwegian() =>
        Assert.Equal("Fødselsnummeret «04837200797» har kontrollsifre som ikke stemmer.",
            Refused(Valid with { PatientId = "04837200797" }, "patient_id").Reason.Nb);

    [Fact]
    public void Parse_MinutePathwayWithoutTime_IsExplainedInNorwegianWithThePathwaysNorwegianName() =>
        Assert.Equal("HSMP1 må ha klokkeslett: pakkeforløpet «Hjerneslag» måles i minutter.",
            Refused(Valid with { Code = "HSMP1", Date = "2024-03-31" }, "time").Reason.Nb);

    [Fact]
    public void Parse_CodeAfterWithdrawal_IsExplainedInNorwegian() =>
        Assert.Equal("A32FM kan ikke brukes etter 30.04.2021, da pakkeforløpet «Testforløp A32» ble avviklet.",
            Refused(Valid with { Code = "A32FM", Date = "2021-05-01" }, "code").Reason.Nb);

    [Fact]
    public void Parse_RefusalInEnglish_IsTheContractsText() =>
        Assert.Equal("2031-02-30 is not a date (YYYY-MM-DD)", Refused(Valid with { Date = "2031-02-30" }, "date").Message);

    [Theory]
    [InlineData("2016-02-29", 2016, 2, 29)]  // a leap day
    [InlineData("0001-01-01", 1, 1, 1)]      // the first day NodaTime's ISO calendar has
    [InlineData("9999-12-31", 9999, 12, 31)] // and the last
    public void ParseIsoDate_RealDate_IsRead(string text, int year, int month, int day)
    {
        // The same reader for text and for SQLite's raw UTF-8 bytes (the dashboard's cold load), and back to text.
        Assert.Equal(new LocalDate(year, month, day), IsoDate.Parse(text));
        Assert.Equal(new LocalDate(year, month, day), IsoDate.Parse(System.Text.Encoding.UTF8.GetBytes(text).AsSpan()));
        Assert.Equal(text, IsoDate.Text(new LocalDate(year, month, day)));
    }

    [Theory]
    [InlineData("0000-01-01")]               // no year 0
    [InlineData("2016-04-31")]               // April has 30 days
    [InlineData("2016-09-05 ")]              // trailing blank: the caller trims
    [InlineData("2016+09+05")]               // wrong separators
    [InlineData("-016-09-05")]               // a sign is not a digit
    public void ParseIsoDate_NotADate_IsNull(string text)
    {
        Assert.Null(IsoDate.Parse(text));
        Assert.Null(IsoDate.Parse(System.Text.Encoding.UTF8.GetBytes(text).AsSpan()));
    }
}
