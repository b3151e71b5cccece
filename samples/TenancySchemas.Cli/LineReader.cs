namespace TenancySchemas.Cli;

/// <summary>A line of input, without its line break.</summary>
/// <param name="Number">The line's number, from 1.</param>
/// <param name="Bytes">The line; for a line over the limit, only its beginning. Valid until the next line is read.</param>
/// <param name="TooLong">Whether the line is longer than the limit.</param>
internal readonly record struct Line(long Number, Memory<byte> Bytes, bool TooLong);

/// <summary>
/// Splits a stream into lines (LF or CRLF) without decoding. Every byte is searched for a newline once, and a line is
/// held only up to the limit (its buffer grows to the longest line held, never past the limit and a few bytes): the
/// rest of a longer line is read past, to its newline, and dropped.
/// </summary>
internal static class LineReader
{
    public static IEnumerable<Line> Lines(Stream input, int maxLineBytes)
    {
        // Room for the longest line accepted, its carriage return, and one more byte that tells a line is too long.
        var capacity = (int)Math.Min(Array.MaxLength, (long)maxLineBytes + 2);
        var buffer = new byte[Math.Min(1 << 16, capacity)];
        int start = 0, end = 0, scanned = 0;
        long number = 0;
        var ended = false;
        while (true)
        {
            // Only bytes not searched before: a long line arriving in many small reads is searched once, not once per read.
            var found = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var newline = scanned + found;
                var length = newline > start && buffer[newline - 1] == (byte)'\r' ? newline - start - 1 : newline - start;
                yield return new Line(++number, new Memory<byte>(buffer, start, length), length > maxLineBytes);
                start = scanned = newline + 1;
                continue;
            }

            scanned = end;
            if (end - start > maxLineBytes + 1)
            {
                // Too long, whatever follows: its beginning is all that is kept of it. Then read past its newline.
                yield return new Line(++number, new Memory<byte>(buffer, start, end - start), TooLong: true);
                while (true)
                {
                    var read = input.Read(buffer, 0, buffer.Length);
                    if (read == 0)
                    {
                        yield break;
                    }

                    var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        (start, scanned, end) = (newline + 1, newline + 1, read);
                        break;
                    }
                }

                continue;
            }

            if (ended)
            {
                if (end > start)
                {
                    var length = buffer[end - 1] == (byte)'\r' ? end - start - 1 : end - start;
                    yield return new Line(++number, new Memory<byte>(buffer, start, length), length > maxLineBytes);
                }

                yield break;
            }

            // No full line left: keep the partial line at the front, grow only when one line fills the buffer.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                (end, scanned, start) = (end - start, scanned - start, 0);
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(capacity, 2L * buffer.Length));
            }

            var count = input.Read(buffer, end, buffer.Length - end);
            ended = count == 0;
            end += count;
        }
    }
}
