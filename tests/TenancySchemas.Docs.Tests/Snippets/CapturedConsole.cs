namespace TenancySchemas.Docs.Tests.Snippets;

/// <summary>
/// The source of a <c>Console</c> class compiled into a run block's assembly, in the global namespace: C# looks up a
/// type of the global namespace before the types a <c>using System;</c> imports, so the snippet's <c>Console.WriteLine</c>
/// writes here instead of to the process's console, which tests must not redirect. Each run loads a fresh assembly, so
/// each run has its own capture. Standard error is captured in the same text, as a terminal shows both.
/// </summary>
internal static class CapturedConsole
{
    /// <summary>The name of the static property holding the captured text.</summary>
    public const string CapturedTextProperty = "CapturedText";

    /// <summary>The C# source.</summary>
    public const string Source = """
        internal static class Console
        {
            private static readonly CapturingWriter Writer = new();
            private static readonly global::System.IO.TextWriter Synced = global::System.IO.TextWriter.Synchronized(Writer);

            public static string CapturedText => Writer.ToString();

            public static global::System.IO.TextWriter Out => Synced;
            public static global::System.IO.TextWriter Error => Synced;
            public static global::System.IO.TextReader In => global::System.IO.TextReader.Null;
            public static bool IsOutputRedirected => true;
            public static bool IsErrorRedirected => true;
            public static bool IsInputRedirected => true;
            public static global::System.Text.Encoding OutputEncoding { get; set; } = global::System.Text.Encoding.UTF8;
            public static global::System.Text.Encoding InputEncoding { get; set; } = global::System.Text.Encoding.UTF8;
            public static global::System.ConsoleColor ForegroundColor { get; set; } = global::System.ConsoleColor.Gray;
            public static global::System.ConsoleColor BackgroundColor { get; set; } = global::System.ConsoleColor.Black;
            public static void ResetColor() { }
            public static string? ReadLine() => null;

            public static void Write(string? value) => Synced.Write(value);
            public static void Write(object? value) => Synced.Write(value);
            public static void Write(bool value) => Synced.Write(value);
            public static void Write(char value) => Synced.Write(value);
            public static void Write(char[]? buffer) => Synced.Write(buffer);
            public static void Write(int value) => Synced.Write(value);
            public static void Write(long value) => Synced.Write(value);
            public static void Write(uint value) => Synced.Write(value);
            public static void Write(ulong value) => Synced.Write(value);
            public static void Write(float value) => Synced.Write(value);
            public static void Write(double value) => Synced.Write(value);
            public static void Write(decimal value) => Synced.Write(value);
            public static void Write(string format, object? arg0) => Synced.Write(format, arg0);
            public static void Write(string format, object? arg0, object? arg1) => Synced.Write(format, arg0, arg1);
            public static void Write(string format, object? arg0, object? arg1, object? arg2) => Synced.Write(format, arg0, arg1, arg2);
            public static void Write(string format, params object?[] arg) => Synced.Write(format, arg);

            public static void WriteLine() => Synced.WriteLine();
            public static void WriteLine(string? value) => Synced.WriteLine(value);
            public static void WriteLine(object? value) => Synced.WriteLine(value);
            public static void WriteLine(bool value) => Synced.WriteLine(value);
            public static void WriteLine(char value) => Synced.WriteLine(value);
            public static void WriteLine(char[]? buffer) => Synced.WriteLine(buffer);
            public static void WriteLine(int value) => Synced.WriteLine(value);
            public static void WriteLine(long value) => Synced.WriteLine(value);
            public static void WriteLine(uint value) => Synced.WriteLine(value);
            public static void WriteLine(ulong value) => Synced.WriteLine(value);
            public static void WriteLine(float value) => Synced.WriteLine(value);
            public static void WriteLine(double value) => Synced.WriteLine(value);
            public static void WriteLine(decimal value) => Synced.WriteLine(value);
            public static void WriteLine(string format, object? arg0) => Synced.WriteLine(format, arg0);
            public static void WriteLine(string format, object? arg0, object? arg1) => Synced.WriteLine(format, arg0, arg1);
            public static void WriteLine(string format, object? arg0, object? arg1, object? arg2) => Synced.WriteLine(format, arg0, arg1, arg2);
            public static void WriteLine(string format, params object?[] arg) => Synced.WriteLine(format, arg);

            // Formats with the culture current at each write, as the real console does.
            private sealed class CapturingWriter : global::System.IO.StringWriter
            {
                public CapturingWriter() => CoreNewLine = ['\n'];

                public override global::System.IFormatProvider FormatProvider => global::System.Globalization.CultureInfo.CurrentCulture;
            }
        }
        """;
}
