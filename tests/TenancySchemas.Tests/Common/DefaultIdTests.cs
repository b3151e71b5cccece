using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Tests.Support;

namespace TenancySchemas.Tests.Common;

/// <summary>
/// The records' default ids (spec: <c>uuid4()</c>): random version 4 UUIDs in lowercase text, a new one for every
/// record, on every thread; a document's own id is kept.
/// </summary>
public sealed partial class DefaultIdTests
{
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid4();

    /// <summary>Every public record with a string id member whose default is generated, and that member.</summary>
    public static TheoryData<Type, string> RecordsWithDefaultIds()
    {
        var data = new TheoryData<Type, string>();
        foreach (var type in typeof(AlertSchema).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Id", StringComparison.Ordinal)))
            {
                // Constructing through reflection runs the initializers; `required` is a compile-time rule only.
                var first = property.GetValue(Activator.CreateInstance(type)) as string;
                if (first is not null && Guid.TryParse(first, out _))
                {
                    data.Add(type, property.Name);
                }
            }
        }

        return data;
    }

    // Only the id matters here: the initializers run, the required members stay unset.
    private static AlertSchema NewAlert() => Activator.CreateInstance<AlertSchema>();

    [Fact]
    public void Every_family_with_a_generated_id_is_found()
    {
        // Alert, compliance (record, audit entry, assessment, incident), performance (metrics, anomaly, trend,
        // optimization), notification (notification, batch, delivery), monitoring config, warning.
        RecordsWithDefaultIds().Count.Should().BeGreaterThanOrEqualTo(15);
    }

    [Theory]
    [MemberData(nameof(RecordsWithDefaultIds))]
    public void A_default_id_is_a_lowercase_version_4_uuid_and_new_for_every_record(Type type, string member)
    {
        var property = type.GetProperty(member)!;
        var ids = Enumerable.Range(0, 200).Select(_ => (string)property.GetValue(Activator.CreateInstance(type))!).ToList();

        ids.Should().OnlyContain(id => Uuid4().IsMatch(id));
        ids.Select(Guid.Parse).Should().OnlyContain(g => g.Version == 4 && (g.Variant & 0b1100) == 0b1000);
        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_never_repeat()
    {
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                ids.Add(NewAlert().AlertId);
            }
        });

        ids.Should().HaveCount(200_000);
        ids.Distinct(StringComparer.Ordinal).Should().HaveCount(200_000);
        ids.Should().OnlyContain(id => Uuid4().IsMatch(id));
    }

    [Fact]
    public void The_bits_that_are_not_fixed_are_random()
    {
        // 122 random bits per id: over 20,000 ids every one of them is set in roughly half; a generator that reused
        // or zeroed bytes would leave positions far from 50 %.
        var counts = new int[128];
        const int Samples = 20_000;
        for (var i = 0; i < Samples; i++)
        {
            var bytes = Guid.Parse(NewAlert().AlertId).ToByteArray(bigEndian: true);
            for (var bit = 0; bit < 128; bit++)
            {
                counts[bit] += (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
            }
        }

        var fixedBits = new HashSet<int> { 48, 49, 50, 51, 64, 65 };
        for (var bit = 0; bit < 128; bit++)
        {
            if (!fixedBits.Contains(bit))
            {
                ((double)counts[bit] / Samples).Should().BeInRange(0.45, 0.55, $"bit {bit} is random");
            }
        }

        counts[48..52].Should().Equal([0, Samples, 0, 0], "the version nibble is 0100");
        counts[64..66].Should().Equal([Samples, 0], "the variant bits are 10");
    }

    [Fact]
    public void A_document_keeps_its_own_id_and_one_without_gets_a_new_one()
    {
        var json = new TenancyJson();
        json.Read<AlertSchema>(Samples.AlertJson("\"alert_id\":\"alert-7\"")).Value!.AlertId.Should().Be("alert-7");
        var first = json.Read<AlertSchema>(Samples.AlertJson()).Value!.AlertId;
        var second = json.Read<AlertSchema>(Samples.AlertJson()).Value!.AlertId;
        first.Should().MatchRegex(Uuid4().ToString()).And.NotBe(second);
    }
}
