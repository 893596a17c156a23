using System.Text.Json;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Tests;

public class EnumNamesTests
{
    [Theory]
    [InlineData("cancer-treatment", true)]  // the documented spelling
    [InlineData("CancerTreatment", false)]  // the C# name is not the file format
    [InlineData("Cancer-Treatment", false)] // nor is a capitalised kebab
    [InlineData("cancer_treatment", false)] // nor snake case
    public void TryParse_AcceptsOnlyKebabCase(string text, bool accepted) =>
        Assert.Equal(accepted, EnumNames.TryParse<DecisionKind>(text, out _));

    /// <summary>Every enum of the domain and the application: the spelling reads back to the same value.</summary>
    [Fact]
    public void Of_AndTryParse_AreInversesForEveryEnum()
    {
        var tried = 0;
        foreach (var type in DomainAndAppEnums())
        {
            foreach (var value in Enum.GetValues(type))
            {
                var text = (string)typeof(EnumNames).GetMethod(nameof(EnumNames.Of), 1, [Type.MakeGenericMethodParameter(0)])!
                    .MakeGenericMethod(type).Invoke(null, [value])!;
                object?[] args = [text, null];
                var read = (bool)typeof(EnumNames).GetMethod(nameof(EnumNames.TryParse))!.MakeGenericMethod(type).Invoke(null, args)!;
                Assert.True(read, $"{type.Name}.{value} spelt '{text}' does not read back");
                Assert.Equal(value, args[1]);
                tried++;
            }
        }
        Assert.True(tried > 50, $"only {tried} enum values found");
    }

    /// <summary>
    /// The API's JSON spells enums with <see cref="EnumNames.JsonPolicy"/>; it replaced System.Text.Json's own
    /// kebab-case policy, so for every enum value the two must agree or the API's answers would change.
    /// </summary>
    [Fact]
    public void JsonPolicy_SpellsEveryEnumAsSystemTextJsonKebabCase()
    {
        foreach (var type in DomainAndAppEnums())
        {
            foreach (var name in Enum.GetNames(type))
            {
                Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), EnumNames.JsonPolicy.ConvertName(name));
            }
        }
    }

    [Theory]
    [InlineData("first-attendance", EventKind.FirstAttendance)] // kebab-case
    [InlineData(" start ", EventKind.Start)]                   // blanks around
    public void TryParse_CatalogueSpelling_IsRead(string text, EventKind kind)
    {
        Assert.True(EnumNames.TryParse<EventKind>(text, out var value));
        Assert.Equal(kind, value);
    }

    [Theory]
    [InlineData("firstattendance")]          // the words run together
    [InlineData("first_attendance")]         // snake_case
    [InlineData("1")]                        // a number would otherwise parse as an enum value
    [InlineData("")]                         // empty
    [InlineData(null)]                       // absent
    public void TryParse_OtherSpelling_IsRefused(string? text) =>
        Assert.False(EnumNames.TryParse<EventKind>(text, out _));

    [Theory]
    [InlineData("FirstAttendance", "first-attendance")] // two words
    [InlineData("Start", "start")]                      // one
    [InlineData("NoTreatment", "no-treatment")]         // how FI is spelt
    public void Of_IsTheCatalogueSpelling(string pascal, string kebab) =>
        Assert.Equal(kebab, EnumNames.Of(pascal));

    private static IEnumerable<Type> DomainAndAppEnums() =>
        typeof(EnumNames).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic);
}
