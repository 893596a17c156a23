namespace Forlop.App.Tests.Infrastructure;

/// <summary>
/// Tests that measure the whole process (allocated bytes) run after the others and alone: another test's work
/// would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "alone in the process";
}
