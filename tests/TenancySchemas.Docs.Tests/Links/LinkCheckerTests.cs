namespace TenancySchemas.Docs.Tests.Links;

public sealed class LinkCheckerTests
{
    [Fact]
    public void Links_to_files_folders_headings_and_explicit_anchors_resolve()
    {
        LinkChecker.BrokenLinks(FixtureFiles.Root, ["guide.md", "other.md", "sub/nested.md"]).Should().BeEmpty();
    }

    [Fact]
    public void Every_broken_link_is_listed_with_its_file_line_and_why()
    {
        var line = FixtureFiles.LineOf("broken.md", "[A missing file]");

        LinkChecker.BrokenLinks(FixtureFiles.Root, ["broken.md"]).Should().Equal(
            $"broken.md:{line}: (missing.md) no file or folder 'missing.md' in the repository",
            $"broken.md:{line}: (other.md#no-such-heading) no heading or <a id> of other.md has the anchor '#no-such-heading'",
            $"broken.md:{line + 1}: (#no-such-heading-here) no heading or <a id> of broken.md has the anchor '#no-such-heading-here'",
            $"broken.md:{line + 1}: (../../../../../outside.md) points outside the repository",
            $"broken.md:{line + 2}: (file:///etc/passwd) the scheme 'file:' does not work on GitHub or NuGet; use a relative path or an http(s) address",
            $"broken.md:{line + 2}: () an empty link",
            $"broken.md:{line + 2}: (Other.md) no file or folder 'Other.md' in the repository");
    }

    [Fact]
    public void Anchors_are_checked_only_in_markdown_targets()
    {
        var root = Directory.CreateTempSubdirectory("docs-links-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "code.cs"), "class C { }");
            File.WriteAllText(Path.Combine(root, "page.md"), "# Page\n\n[a line of code](code.cs#L1) and [a missing one](code.cs.md#L1)\n");

            LinkChecker.BrokenLinks(root, ["page.md"]).Should().Equal("page.md:3: (code.cs.md#L1) no file or folder 'code.cs.md' in the repository");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
