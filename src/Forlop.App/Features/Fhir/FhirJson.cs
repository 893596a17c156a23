using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;

namespace Forlop.App.Features.Fhir;

/// <summary>FHIR JSON in and out through Firely's System.Text.Json converters: nothing here writes FHIR JSON by hand.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>A resource as the answer, with its status and FHIR's media type.</summary>
    public static IResult Answer(Resource resource, int status = StatusCodes.Status200OK) => new FhirResult(resource, status);

    private sealed class FhirResult(Resource resource, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = MediaType + "; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, resource, resource.GetType(), Options, context.RequestAborted);
        }
    }
}
