namespace Forlop.Domain.Tests;

/// <summary>Synthetic identity numbers (month + 80) with valid check digits.</summary>
internal static class TestPatients
{
    /// <summary>Born 1972-03-04 (the worked example's first patient).</summary>
    public const string Adult = "04837200798";

    /// <summary>Born 1966-10-16 (the worked example's second patient).</summary>
    public const string Other = "16906601463";

    /// <summary>Born 2016-09-01: events before that day are before birth.</summary>
    public const string Newborn = "01891650082";
}
