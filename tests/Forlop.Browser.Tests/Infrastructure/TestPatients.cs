using Forlop.Domain.Patients;
using NodaTime;

namespace Forlop.Browser.Tests.Infrastructure;

/// <summary>New synthetic identity numbers (month + 80, valid check digits) for patients a test registers itself.</summary>
public static class TestPatients
{
    private static int _next;

    /// <summary>A number no other call in this run returns: born in 1925 + a day per call, older than any demo patient.</summary>
    public static string NewNumber()
    {
        var birth = new LocalDate(1925, 1, 1).PlusDays(Interlocked.Increment(ref _next));
        for (var individual = 100; ; individual++)
        {
            if (NationalIdentityNumber.TryCreate(birth, individual, NationalIdentityNumberKind.Synthetic, out var number))
            {
                return number.Value;
            }
        }
    }
}
