using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TenancySchemas.Tiers;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// Every enumeration of the library, value by value, through System.Text.Json with no options (the enumerations
/// carry their converter): a value writes and reads as its wire name, as a value and as a map key; any other string,
/// a number and an undefined value are refused.
/// </summary>
public sealed class EnumerationWireNameTests
{
    public static TheoryData<Type> Enumerations =>
        [.. typeof(TenantType).Assembly.GetExportedTypes().Where(type => type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>() is not null)];

    [Fact]
    public void The_library_has_its_enumerations() => Enumerations.Count.Should().BeGreaterThan(40);

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void Every_value_writes_and_reads_as_its_wire_name(Type enumeration)
    {
        var mapType = typeof(Dictionary<,>).MakeGenericType(enumeration, typeof(int));
        foreach (var (value, wire) in Values(enumeration))
        {
            var quoted = JsonSerializer.Serialize(wire);
            JsonSerializer.Serialize(value, enumeration).Should().Be(quoted);
            JsonSerializer.Deserialize(quoted, enumeration).Should().Be(value);

            var map = (IDictionary)Activator.CreateInstance(mapType)!;
            map[value] = 7;
            JsonSerializer.Serialize(map, mapType).Should().Be($"{{{quoted}:7}}");
            ((IDictionary)JsonSerializer.Deserialize($"{{{quoted}:7}}", mapType)!)[value].Should().Be(7);
        }
    }

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void Other_strings_numbers_and_undefined_values_are_refused(Type enumeration)
    {
        var values = Values(enumeration);
        var wireNames = values.Select(entry => entry.Wire).ToHashSet(StringComparer.Ordinal);
        foreach (var (value, wire) in values)
        {
            var near = new[] { wire.ToUpperInvariant(), wire.ToLowerInvariant(), " " + wire, wire + " ", Enum.GetName(enumeration, value)!, string.Empty }
                .Where(candidate => !wireNames.Contains(candidate));
            foreach (var candidate in near)
            {
                FluentActions.Invoking(() => JsonSerializer.Deserialize(JsonSerializer.Serialize(candidate), enumeration))
                    .Should().Throw<JsonException>($"'{candidate}' is not a {enumeration.Name} wire name");
            }

            var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
            FluentActions.Invoking(() => JsonSerializer.Deserialize(number, enumeration)).Should().Throw<JsonException>();
        }

        var undefined = Enum.ToObject(enumeration, values.Max(entry => Convert.ToInt64(entry.Value, System.Globalization.CultureInfo.InvariantCulture)) + 1);
        FluentActions.Invoking(() => JsonSerializer.Serialize(undefined, enumeration)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static List<(object Value, string Wire)> Values(Type enumeration)
    {
        var values = enumeration.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (field.GetValue(null)!, field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name))
            .ToList();
        values.Should().NotBeEmpty();
        return values;
    }
}
