namespace TenancySchemas.Tests.Reference;

/// <summary>
/// The pages of <c>docs/reference/</c> are what the code says today. To rewrite them after a change, run the tests with
/// <c>TENANCY_WRITE_REFERENCE=1</c> (<c>TENANCY_WRITE_REFERENCE=1 dotnet test --filter ReferencePagesTests</c>).
/// </summary>
public sealed class ReferencePagesTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Pages = new(ReferencePages.Build);

    public static TheoryData<string> PageNames() => new(Pages.Value.Keys);

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Each_reference_page_is_current(string name)
    {
        var path = Path.Combine(Directory(), name);
        var expected = Pages.Value[name];
        if (Environment.GetEnvironmentVariable("TENANCY_WRITE_REFERENCE") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.Exists(path).Should().BeTrue($"docs/reference/{name} is generated from the code (TENANCY_WRITE_REFERENCE=1 dotnet test --filter ReferencePagesTests)");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(expected, $"docs/reference/{name} is generated from the code; rewrite it with TENANCY_WRITE_REFERENCE=1 dotnet test --filter ReferencePagesTests");
    }

    [Fact]
    public void No_page_is_left_over_from_a_removed_schema()
    {
        System.IO.Directory.GetFiles(Directory(), "*.md").Select(Path.GetFileName).Should().BeEquivalentTo(Pages.Value.Keys);
    }

    [Fact]
    public void Every_code_of_the_library_has_a_section_and_every_link_to_one_resolves()
    {
        var catalog = Pages.Value["error-codes.md"];
        foreach (var code in typeof(TenancySchemas.Validation.TenancyErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!))
        {
            catalog.Should().Contain($"### `{code}`");
        }

        var anchors = System.Text.RegularExpressions.Regex.Matches(string.Concat(Pages.Value.Values), @"error-codes\.md#([a-z0-9_]+)")
            .Select(m => m.Groups[1].Value).ToHashSet();
        anchors.Should().NotBeEmpty();
        foreach (var anchor in anchors)
        {
            var heading = catalog.Split('\n').Any(line => line.StartsWith("### `", StringComparison.Ordinal) && Anchor(line[4..]) == anchor);
            var explicitAnchor = catalog.Contains($"<a id=\"{anchor}\"></a>", StringComparison.Ordinal);
            (heading || explicitAnchor).Should().BeTrue($"error-codes.md#{anchor} is linked from a schema page");
        }
    }

    // GitHub's heading anchors: lower case, punctuation other than - and _ dropped.
    private static string Anchor(string heading) => new([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_')]);

    private static string Directory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TenancySchemas.sln")))
        {
            directory = directory.Parent;
        }

        var reference = Path.Combine(directory!.FullName, "docs", "reference");
        System.IO.Directory.CreateDirectory(reference);
        return reference;
    }
}
