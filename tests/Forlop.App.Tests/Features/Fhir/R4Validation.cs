using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Forlop.App.Tests.Features.Fhir;

/// <summary>
/// Firely's validator against the base R4 specification (the specification.zip of Hl7.Fhir.Specification.Data.R4):
/// what no server of ours wrote. Built once; loading the specification takes seconds.
/// </summary>
public static class R4Validation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var specification = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(specification, new LocalTerminologyService(specification));
    });

    /// <summary>The errors (and fatal issues) the validator finds in a resource; empty when it is valid R4.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Shared)
        {
            outcome = Shared.Value.Validate(resource);
        }
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {i.Details?.Text ?? i.Diagnostics} at {string.Join(", ", i.Expression)}")
            .ToList();
    }

    public static void AssertValid(params IEnumerable<Resource> resources)
    {
        var errors = resources.SelectMany(Errors).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
