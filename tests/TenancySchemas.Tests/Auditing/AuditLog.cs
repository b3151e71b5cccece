using System.Text;
using Serilog.Events;
using Serilog.Formatting.Compact;
using TenancySchemas.Auditing;

namespace TenancySchemas.Tests.Auditing;

/// <summary>Audit logs as text, for tests: formatting events as CLEF lines and verifying them.</summary>
internal static class AuditLog
{
    public static string Line(LogEvent e)
    {
        using var writer = new StringWriter();
        new CompactJsonFormatter().Format(e, writer);
        return writer.ToString().TrimEnd();
    }

    /// <summary>Verifies a log held in memory. By default a chain may still be open, as it is while its host runs.</summary>
    public static AuditVerificationResult Verify(string clef, AuditVerificationOptions? options = null) =>
        AuditChainVerifier.VerifyClef(new MemoryStream(Encoding.UTF8.GetBytes(clef)), options ?? new AuditVerificationOptions { AllowOpenChains = true });

    public static AuditVerificationResult Verify(IEnumerable<string> lines, AuditVerificationOptions? options = null) =>
        Verify(string.Join('\n', lines), options);
}
