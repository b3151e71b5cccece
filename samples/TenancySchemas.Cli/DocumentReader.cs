using TenancySchemas.Tiers;
using TenancySchemas.Validation;

namespace TenancySchemas.Cli;

/// <summary>A document read for validation (its schema, the read record or read errors, the tier's context), or why it cannot be validated.</summary>
/// <param name="Entry">The document's schema.</param>
/// <param name="Read">What <see cref="SchemaEntry.Read(ReadOnlySpan{byte})"/> returned.</param>
/// <param name="Context">The tier to validate under, if any.</param>
/// <param name="Error">Why the document cannot be validated: one line, for standard error.</param>
internal readonly record struct DocumentRead(SchemaEntry? Entry, object? Read, TenancyValidationContext? Context, string? Error)
{
    public static DocumentRead Failed(string error) => new(null, null, null, error);
}

/// <summary>What the command line and a file's name say about its documents: the schema and tier they name, if any.</summary>
/// <param name="Schema">The schema the file's name announces (<c>alert.trial.json</c>).</param>
/// <param name="Tier">The tier the file's name announces.</param>
internal sealed record DocumentSource(SchemaEntry? Schema, TenantType? Tier)
{
    public static readonly DocumentSource Unnamed = new(null, null);
}

/// <summary>
/// Tells a document's schema and tier and reads it. The schema is <c>--schema</c>, else the document's root
/// <c>"$schema"</c> member, else the file name; the tier is <c>--tier</c>, else the one the <c>"$schema"</c> member
/// names, else the file name's. The <c>"$schema"</c> member is taken out of the document before it is read (the
/// schemas refuse unknown members), and its problems are the document's error. Thread-safe.
/// </summary>
internal sealed class DocumentReader(SchemaCatalog catalog, SchemaEntry? fixedSchema, TenantType? callerTier, int maxDocumentBytes, int maxDepth)
{
    private static readonly string NoSchema = $"cannot tell the schema; pass --schema ({SchemaCatalog.NameList}) or add a \"$schema\" member.";

    // One context per tier (and none without a tier), shared by every document: contexts are read-only.
    private readonly TenancyValidationContext?[] _contexts =
        [null, .. SchemaCatalog.Tiers.Select(tier => new TenancyValidationContext { Tier = tier.Value })];

    /// <summary>Gets a value indicating whether <c>--schema</c> names the schema of every document.</summary>
    public bool HasFixedSchema => fixedSchema is not null;

    /// <summary>Gets the largest document read, in bytes: longer ones are refused as too large.</summary>
    public int MaxDocumentBytes => maxDocumentBytes;

    /// <summary>Reads a whole document of at most <see cref="MaxDocumentBytes"/>, taking its <c>"$schema"</c> member out in place.</summary>
    public DocumentRead Read(Memory<byte> document, DocumentSource source)
    {
        var hint = SchemaHint.Find(document.Span, isComplete: true, maxDepth);
        if (!TryResolve(hint, source, tooLarge: false, out var entry, out var context, out var error))
        {
            return DocumentRead.Failed(error);
        }

        var length = hint.Value is null ? document.Length : hint.RemoveFrom(document.Span);
        return new DocumentRead(entry, entry.Read(document.Span[..length]), context, null);
    }

    /// <summary>
    /// Reads a document over the size limit: its schema may come from a <c>"$schema"</c> member in
    /// <paramref name="beginning"/> (the bytes that were read, never more than the limit and a little); the library then
    /// refuses it. <paramref name="whole"/> is the document's stream when it can tell the document's length (a file),
    /// else the beginning is handed to the library, which is then told only that the document is over the limit.
    /// </summary>
    public DocumentRead ReadTooLarge(ReadOnlyMemory<byte> beginning, Stream? whole, DocumentSource source)
    {
        var hint = fixedSchema is null ? SchemaHint.Find(beginning.Span, isComplete: false, maxDepth) : SchemaHint.None;
        if (!TryResolve(hint, source, tooLarge: true, out var entry, out var context, out var error))
        {
            return DocumentRead.Failed(error);
        }

        using var stream = whole is null ? new BytesStream(beginning) : null;
        return new DocumentRead(entry, entry.Read(whole ?? stream!), context, null);
    }

    private bool TryResolve(
        SchemaHint hint,
        DocumentSource source,
        bool tooLarge,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SchemaEntry? entry,
        out TenancyValidationContext? context,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        (entry, context, error) = (null, null, null);
        if (hint.Problem is not null)
        {
            error = hint.Problem;
            return false;
        }

        var (named, namedTier) = ((SchemaEntry?)null, (TenantType?)null);
        if (hint.Value is not null)
        {
            (named, namedTier, error) = catalog.ParseHint(hint.Value);
            if (error is not null)
            {
                return false;
            }

            if (fixedSchema is not null && named != fixedSchema)
            {
                error = $"\"$schema\" names '{named!.Name}' but --schema is '{fixedSchema.Name}'.";
                return false;
            }
        }

        entry = fixedSchema ?? named ?? source.Schema;
        if (entry is null)
        {
            error = hint.Malformed is { } malformed ? $"cannot tell the schema: {malformed}; pass --schema ({SchemaCatalog.NameList})."
                : tooLarge ? $"cannot tell the schema of a document over the size limit of {maxDocumentBytes} bytes from its first bytes; pass --schema ({SchemaCatalog.NameList}) or put its \"$schema\" member first."
                : NoSchema;
            return false;
        }

        var tier = callerTier ?? namedTier ?? source.Tier;
        context = _contexts[tier is { } t ? IndexOf(t) + 1 : 0];
        return true;
    }

    private static int IndexOf(TenantType tier)
    {
        for (var i = 0; i < SchemaCatalog.Tiers.Count; i++)
        {
            if (SchemaCatalog.Tiers[i].Value == tier)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a tier.");
    }

    /// <summary>
    /// Bytes in memory as a stream that cannot seek, so the library reads it as it would any stream of unknown length
    /// (a pipe): the first bytes of a document known to be over the limit, which it refuses without a size.
    /// </summary>
    private sealed class BytesStream(ReadOnlyMemory<byte> bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, bytes.Length - _position);
            bytes.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
