namespace TenancySchemas.Cli;

/// <summary>Splits a stream into lines (LF or CRLF) without decoding, reusing one buffer that grows only to the longest line.</summary>
internal static class LineReader
{
    public static IEnumerable<ReadOnlyMemory<byte>> Lines(Stream input)
    {
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var length = newline - start;
                if (length > 0 && buffer[newline - 1] == (byte)'\r')
                {
                    length--;
                }

                yield return new ReadOnlyMemory<byte>(buffer, start, length);
                start = newline + 1;
                continue;
            }

            // No full line left: keep the partial line at the front, grow only when one line fills the buffer.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = input.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start)
                {
                    var length = end - start;
                    if (buffer[end - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    yield return new ReadOnlyMemory<byte>(buffer, start, length);
                }

                yield break;
            }

            end += read;
        }
    }
}
