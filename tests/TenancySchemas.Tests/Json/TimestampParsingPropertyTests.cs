using System.Globalization;
using CsCheck;
using TenancySchemas.Alerts;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// The reader's fast timestamp path must agree with the general parser it shortcuts: for generated timestamp texts —
/// valid, out of range, oddly cased, too precise — a document reads to the same instant and offset, or fails the same way.
/// </summary>
public sealed class TimestampParsingPropertyTests
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    private static readonly Gen<string> Timestamps =
        from year in Gen.OneOf(Gen.Int[1, 9999], Gen.Const(1), Gen.Const(9999), Gen.Int[1990, 2100])
        from month in Gen.Int[0, 13]
        from day in Gen.Int[0, 32]
        from hour in Gen.Int[0, 25]
        from minute in Gen.Int[0, 61]
        from second in Gen.Int[0, 61]
        from digits in Gen.Int[0, 9]
        from fraction in Gen.Long[0, 999_999_999]
        from separator in Gen.OneOf(Gen.Const('T'), Gen.Const('t'), Gen.Const(' '))
        from zone in Gen.OneOf(Gen.Const("Z"), Gen.Const("z"), Gen.Const(""),
            from sign in Gen.OneOf(Gen.Const('+'), Gen.Const('-'))
            from h in Gen.Int[0, 15]
            from m in Gen.Int[0, 60]
            from colon in Gen.Bool
            select string.Create(CultureInfo.InvariantCulture, $"{sign}{h:D2}{(colon ? ":" : "")}{m:D2}"))
        select string.Create(CultureInfo.InvariantCulture,
            $"{year:D4}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}{(digits == 0 ? "" : "." + fraction.ToString("D9", CultureInfo.InvariantCulture)[..digits])}{zone}");

    [Fact]
    public void The_reader_agrees_with_the_general_parser_on_generated_timestamps()
    {
        using var host = new TestHost();
        var accepted = 0;
        Timestamps.Sample(text =>
        {
            var json = $$"""
                {"tenant_id": "acme_01", "name": "High CPU", "title": "CPU above 90", "description": "CPU above 90 % for 5 minutes",
                 "severity": "low", "category": "performance", "conditions": [{"metric_name": "cpu", "operator": "gt", "threshold": 90}],
                 "created_at": "{{text}}"}
                """;
            var read = host.Json.Read<AlertSchema>(json);
            var expected = text.Length is >= 17 and <= 40 && HasOffset(text) &&
                DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;

            if (expected is { } instant)
            {
                read.Value.Should().NotBeNull(text);
                read.Value!.CreatedAt.Should().Be(instant, text);
                read.Value.CreatedAt.Offset.Should().Be(instant.Offset, text);
                Interlocked.Increment(ref accepted);
            }
            else
            {
                read.Value.Should().BeNull(text);
                read.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonTimestampOffset, text);
            }
        }, iter: 20_000);

        accepted.Should().BeGreaterThan(1000, "the generator must reach valid timestamps often enough to compare");
    }

    // The reader's rule (spec §1): a timestamp names its offset, Z or ±hh:mm or ±hhmm after the time.
    private static bool HasOffset(string text) =>
        text[^1] is 'Z' or 'z' ||
        (text.Length - 6 > 10 && text[^6] is '+' or '-' && text[^3] == ':') ||
        (text.Length - 5 > 10 && text[^5] is '+' or '-');
}
