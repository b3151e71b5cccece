using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TenancySchemas.Alerts;
using TenancySchemas.Json;
using TenancySchemas.Schemas;
using TenancySchemas.Tests.Robustness;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Json;

/// <summary>
/// The wire format is public: <see cref="JsonSerializer"/>, <c>ReadFromJsonAsync</c> and <c>HttpClient</c> read and write
/// what the library reads and writes; streams are read within the size limit.
/// </summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly TestHost _host = new();

    public static TheoryData<string> ReadableDocuments()
    {
        var json = new TenancyJson();
        return new(BundledDocuments.All
            .Where(d => BundledDocuments.Read(json, d.Schema, Encoding.UTF8.GetBytes(BundledDocuments.Text(d.File))).Value is not null)
            .Select(d => d.File));
    }

    [Theory]
    [MemberData(nameof(ReadableDocuments))]
    public void JsonSerializer_with_the_public_options_round_trips_every_bundled_document(string file)
    {
        var schema = BundledDocuments.All.Single(d => d.File == file).Schema;
        SchemaRegistry.Find(schema)!.Accept(new RoundTrip(BundledDocuments.Text(file), new TenancyJson())).Should().BeTrue(file);
    }

    [Fact]
    public void The_public_options_are_read_only_and_refuse_what_the_library_refuses()
    {
        TenancyJson.DefaultSerializerOptions.IsReadOnly.Should().BeTrue();
        _host.Json.SerializerOptions.IsReadOnly.Should().BeTrue();

        var unknownMember = Samples.AlertJson().TrimEnd('}') + ",\"surprise\":1}";
        var act = () => JsonSerializer.Deserialize<AlertSchema>(unknownMember, TenancyJson.DefaultSerializerOptions);

        act.Should().Throw<JsonException>();
        _host.Json.Read<AlertSchema>(unknownMember).Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonUnknownMember);
    }

    [Fact]
    public async Task HttpClient_content_reads_and_writes_the_wire_format()
    {
        var alert = Samples.Alert();
        using var content = JsonContent.Create(alert, options: TenancyJson.DefaultSerializerOptions);
        var text = await content.ReadAsStringAsync();

        text.Should().Contain("\"tenant_id\":\"acme_01\"").And.Contain("\"notification_channels\":[");
        (await content.ReadFromJsonAsync<AlertSchema>(TenancyJson.DefaultSerializerOptions)).Should().Be(alert);
    }

    [Fact]
    public async Task A_stream_is_read_and_validated_like_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.AlertJson("\"alert_id\":\"a-1\""));
        var validator = _host.Validator<AlertSchema>();
        var context = new TenancyValidationContext { Tier = TenancySchemas.Tiers.TenantType.Enterprise };

        using var stream = new MemoryStream(bytes);
        var fromStream = await _host.Json.ReadAndValidateAsync(stream, validator, context);
        var fromBytes = _host.Json.ReadAndValidate(bytes, validator, context);

        fromStream.IsValid.Should().BeTrue();
        fromStream.Value.Should().Be(fromBytes.Value);
    }

    [Fact]
    public async Task A_stream_longer_than_the_limit_is_refused_without_being_read_to_its_end()
    {
        using var host = new TestHost(o => o.Json.MaxDocumentBytes = 1_000);
        using var endless = new EndlessStream();

        var result = await host.Json.ReadAsync<AlertSchema>(endless);

        result.Value.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be(TenancyErrorCodes.JsonDocumentTooLarge);
        endless.Position.Should().BeLessThanOrEqualTo(1_001, "at most one byte past the limit is read");
    }

    [Fact]
    public async Task A_seekable_stream_longer_than_the_limit_is_refused_by_its_length()
    {
        using var host = new TestHost(o => o.Json.MaxDocumentBytes = 100);
        using var stream = new MemoryStream(new byte[5_000]);

        var result = await host.Json.ReadAsync<AlertSchema>(stream);

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Contain("5000").And.Contain("100");
        stream.Position.Should().Be(0);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_skipped()
    {
        var json = Samples.AlertJson("\"alert_id\":\"a-1\"");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)];

        _host.Json.Read<AlertSchema>(withBom).Value.Should().Be(_host.Json.Read<AlertSchema>(json).Value);
    }

    public void Dispose() => _host.Dispose();

    private sealed class RoundTrip(string text, TenancyJson library) : ISchemaVisitor<bool>
    {
        public bool Visit<T>(SchemaDescriptor<T> schema)
            where T : class, ITenancyDocument
        {
            var read = JsonSerializer.Deserialize<T>(text, TenancyJson.DefaultSerializerOptions)!;
            Normalized(library.Write(read)).Should().Be(Normalized(library.Write(library.Read<T>(text).Value!)), "the public options read what the library reads");
            var written = JsonSerializer.Serialize(read, TenancyJson.DefaultSerializerOptions);
            JsonSerializer.Deserialize<T>(written, TenancyJson.DefaultSerializerOptions).Should().Be(read, "what they write reads back equal");
            return true;
        }
    }

    // Members a read fills itself (new ids, the current instant) differ between two reads of one document.
    private static string Normalized(string json)
    {
        var ids = System.Text.RegularExpressions.Regex.Replace(json, "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", "<id>");
        return System.Text.RegularExpressions.Regex.Replace(ids, "\"(\\d{4}-\\d{2}-\\d{2}T[^\"]+)\"", match =>
            DateTimeOffset.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) &&
            (at - DateTimeOffset.UtcNow).Duration() < TimeSpan.FromHours(1) ? "\"<now>\"" : match.Value);
    }

    // A stream that never ends and counts what was read from it.
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            Position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
