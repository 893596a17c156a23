using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Forlop.App.Features.Fhir;

/// <summary>
/// OperationOutcomes in both languages: the English text (the interchange contract's words) in <c>details.text</c>,
/// the bokmål text beside it as FHIR's translation extension, so a hospital system shows whichever its users read.
/// </summary>
public static class FhirOutcomes
{
    public static OperationOutcome Error(OperationOutcome.IssueType type, string english, string norwegian, string? expression = null)
    {
        var details = new CodeableConcept { Text = english };
        details.TextElement!.Extension.Add(new Extension
        {
            Url = FhirSystems.Translation,
            Extension =
            [
                new Extension("lang", new Code("nb")),
                new Extension("content", new FhirString(norwegian)),
            ],
        });
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Details = details,
            Diagnostics = norwegian,
        };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }
        return new OperationOutcome { Issue = [issue] };
    }

    public static IResult Answer(int status, OperationOutcome.IssueType type, string english, string norwegian) =>
        FhirJson.Answer(Error(type, english, norwegian), status);

    public static IResult NotSignedIn(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Answer(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login,
            "sign in or send a hospital system's token (Authorization: Bearer …)", "Logg inn eller send systemets token (Authorization: Bearer …).");
    }

    public static IResult NoPersonData() => Answer(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
        "this role may not see person data", "Denne rollen har ikke tilgang til personopplysninger.");

    /// <summary>The same words for a missing resource and another HF's, so the answer does not tell them apart.</summary>
    public static IResult NotFound(string type, string id) => Answer(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
        $"there is no {type}/{id}, or it is outside your access", $"{type}/{id} finnes ikke, eller du har ikke tilgang til den.");

    public static IResult BadRequest(string english, string norwegian) =>
        Answer(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, english, norwegian);
}
