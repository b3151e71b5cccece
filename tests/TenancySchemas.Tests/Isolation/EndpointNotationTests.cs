using System.Net;
using TenancySchemas.Isolation;
using TenancySchemas.Tenants;
using TenancySchemas.Tests.Support;
using TenancySchemas.Validation;

namespace TenancySchemas.Tests.Isolation;

/// <summary>
/// The URL guard canonicalizes a host before judging it (spec §7.2): every notation of issue 23 is refused where the
/// issue says, through the validators and at the guard, and ordinary public URLs still pass.
/// </summary>
public sealed class EndpointNotationTests
{
    /// <summary>Notations of loopback, link-local, metadata and unspecified hosts: refused under strict and moderate.</summary>
    public static readonly TheoryData<string> ForbiddenUnderModerate = new(
    [
        // Fullwidth digits and ideographic dots: names to Uri, addresses once IDN-mapped.
        "https://１６９.２５４.１６９.２５４/latest/meta-data/", "https://127。0。0。1/", "https://１２７.０.０.１:18080/",

        // Trailing dots.
        "https://127.0.0.1./", "https://169.254.169.254./", "https://2130706433./", "https://0.0.0.0./", "https://localhost./",

        // IPv6 that embeds IPv4: NAT64 (well-known and local-use), 6to4, SIIT, Teredo (client 127.0.0.1), mapped, compatible.
        "https://[64:ff9b::a9fe:a9fe]/", "https://[64:ff9b:1::7f00:1]/", "https://[2002:a9fe:a9fe::]/", "https://[::ffff:0:7f00:1]/",
        "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "https://[::ffff:169.254.169.254]/", "https://[::7f00:1]/",

        // Loopback and metadata names; unspecified addresses.
        "https://localhost.localdomain/", "https://ip6-localhost/", "https://ip6-loopback/", "https://localhost6/", "https://LOCALHOST6.localdomain6./", "https://instance-data/", "https://metadata.google.internal/",
        "https://metadata/", "https://0.0.0.0/", "https://[::]/", "https://ｌｏｃａｌｈｏｓｔ/", "https://api.localhost/",

        // Read as 127.0.0.1 by parsers that take leading zeros for decimal (Uri reads 87.0.0.1).
        "https://0127.0.0.1/",

        // Other short and numeric forms of loopback; metadata outside link-local; link-local with a zone.
        "https://0x7f.1/", "https://127.1/", "https://2130706433/", "https://100.100.100.200/", "https://[fd00:ec2::254]/", "https://[fe80::1%25eth0]/",
    ]);

    /// <summary>Refused under strict only: private, shared, reserved and internal-only destinations, and ambiguous notations.</summary>
    public static readonly TheoryData<string> ForbiddenUnderStrictOnly = new(
    [
        "https://010.0.0.1/", "https://[100::1]/", "https://kubernetes.default.svc/", "https://router.home.arpa/", "https://intranet/",
        "https://db.cluster.local/", "https://printer.local/", "https://vault.internal/", "https://nas.localdomain/", "https://10.0.0.1/",
        "https://[fd12:3456::1]/", "https://100.64.0.1/", "https://198.18.0.1/", "https://192.0.0.8/", "https://224.0.0.1/", "https://255.255.255.255/",
        "https://0.1.2.3/", "https://[64:ff9b::a00:1]/", "https://[2002:a00:1::]/", "https://[64:ff9b:1::5db8:d70e]/", "https://[fec0::1]/", "https://[ff02::1]/",

        // Public addresses written in a notation parsers disagree on, or with a trailing dot or fullwidth digits.
        "https://93.184.215.14./", "https://９３.１８４.２１５.１４/", "https://1572394766/", "https://093.184.215.014/", "https://08.0.0.1/",
        "https://1.2.3.4.5/", "https://93.184.55990/",
    ]);

    /// <summary>Twenty-five ordinary public https URLs: accepted under strict.</summary>
    public static readonly TheoryData<string> PublicUrls = new(
    [
        "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX", "https://api.pagerduty.com/incidents", "https://events.pagerduty.com/v2/enqueue",
        "https://example.com:8443/x", "https://bücher.example/", "https://xn--bcher-kva.example/katalog?q=1", "https://93.184.215.14/",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", "https://discord.com/api/webhooks/1/abc", "https://outlook.office.com/webhook/abc",
        "https://api.github.com/repos/acme/app/dispatches", "https://hooks.zapier.com/hooks/catch/1/abc/", "https://api.opsgenie.com/v2/alerts",
        "https://monitoring.eu-west-1.amazonaws.com/", "https://storage.googleapis.com/acme-reports/q3.pdf", "https://api.telegram.org/bot123/sendMessage",
        "https://8.8.8.8/dns-query", "https://[2001:4860:4860::8888]/dns-query", "https://münchen.de/", "https://status.acme.co.uk/path?q=1#top",
        "https://localhost.acme.com/", "https://metadata.acme.io/", "https://internal.acme.com/", "https://100.128.0.1/", "https://[2001:4860::1]:8443/",
    ]);

    private static ValidationResultCheck Validate(string url, IsolationLevel level)
    {
        using var host = new TestHost(o => o.IsolationLevel = level);
        host.TenantContext.Current = new TenantContext("acme_01");
        return new(host.Validate(Samples.Tenant() with { WebhookUrl = url }));
    }

    [Theory]
    [MemberData(nameof(ForbiddenUnderModerate))]
    public void Loopback_link_local_metadata_and_unspecified_notations_are_refused_under_strict_and_moderate(string url)
    {
        EndpointGuard.Check(url, IsolationLevel.Strict).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Moderate).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Basic).Should().Be(EndpointViolation.None);
        Validate(url, IsolationLevel.Strict).Result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "WebhookUrl");
        Validate(url, IsolationLevel.Moderate).Result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "WebhookUrl").ErrorMessage.Should().Contain("moderate");
    }

    [Theory]
    [MemberData(nameof(ForbiddenUnderStrictOnly))]
    public void Private_internal_and_ambiguous_notations_are_refused_under_strict_only(string url)
    {
        EndpointGuard.Check(url, IsolationLevel.Strict).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Moderate).Should().Be(EndpointViolation.None);
        Validate(url, IsolationLevel.Strict).Result.ShouldHaveFailure(TenancyErrorCodes.PrivateEndpoint, "WebhookUrl");
        Validate(url, IsolationLevel.Moderate).Result.ShouldNotHaveFailure(TenancyErrorCodes.PrivateEndpoint);
    }

    [Theory]
    [MemberData(nameof(PublicUrls))]
    public void Ordinary_public_https_urls_pass_strict(string url)
    {
        EndpointGuard.Check(url, IsolationLevel.Strict).Should().Be(EndpointViolation.None);
        Validate(url, IsolationLevel.Strict).Result.ShouldBeCleanlyValid();
    }

    [Fact]
    public void The_lists_hold_what_the_issue_asks_for()
    {
        PublicUrls.Count.Should().Be(25);
        Urls(ForbiddenUnderModerate).Should().OnlyHaveUniqueItems().And.NotIntersectWith(Urls(ForbiddenUnderStrictOnly));
        Urls(PublicUrls).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("http://１２７.０.０.１:18080/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public void An_http_url_to_a_forbidden_host_is_refused_at_every_level_but_basic(string url)
    {
        EndpointGuard.Check(url, IsolationLevel.Strict).Should().Be(EndpointViolation.HttpsRequired);
        EndpointGuard.Check(url, IsolationLevel.Moderate).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check(url, IsolationLevel.Basic).Should().Be(EndpointViolation.None);
    }

    [Theory]
    [InlineData("https://[")]
    [InlineData("https://xn--zz/")]
    [InlineData("https://xn--/")]
    [InlineData("https://⒈/")]
    [InlineData("https://[::1")]
    [InlineData("https://[v1.fe80::a+en1]/")]
    [InlineData("https://%31%32%37.0.0.1/")]
    [InlineData("https:")]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https://999.999.999.999/")]
    [InlineData("https://0x/")]
    [InlineData("https://1.2.3.04444444444/")]
    public void Garbage_is_judged_without_throwing(string url)
    {
        foreach (var level in Enum.GetValues<IsolationLevel>())
        {
            var check = () => EndpointGuard.Check(url, level);
            check.Should().NotThrow();
        }

        var result = () => Validate(url, IsolationLevel.Strict);
        result.Should().NotThrow();
    }

    [Fact]
    public void A_host_of_five_thousand_characters_is_judged_without_throwing()
    {
        var labels = string.Join('.', Enumerable.Repeat(new string('a', 63), 79));
        string[] urls = [$"https://{new string('a', 5000)}/", $"https://{labels}.com/", $"https://{new string('１', 5000)}/", $"https://{labels}.localhost/"];

        foreach (var url in urls)
        {
            var check = () => EndpointGuard.Check(url, IsolationLevel.Strict);
            check.Should().NotThrow();
            var validation = () => Validate(url, IsolationLevel.Moderate);
            validation.Should().NotThrow();
        }
    }

    [Fact]
    public void A_host_that_cannot_be_idn_mapped_is_refused_under_strict_and_moderate()
    {
        // ⒈ (U+2488) is a valid Uri host that UTS #46 refuses to map; IDNA 2003 clients map it to "1.": the guard
        // cannot tell where it leads, so it fails closed.
        EndpointGuard.Check("https://⒈.example/", IsolationLevel.Strict).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check("https://⒈.example/", IsolationLevel.Moderate).Should().Be(EndpointViolation.PrivateEndpoint);
        EndpointGuard.Check("https://⒈.example/", IsolationLevel.Basic).Should().Be(EndpointViolation.None);
    }

    [Theory]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "65.54.227.120", "127.0.0.1")]
    [InlineData("2002:a9fe:a9fe::", "169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.169.254")]
    [InlineData("::ffff:0:7f00:1", "127.0.0.1")]
    [InlineData("::ffff:7f00:1", "127.0.0.1")]
    [InlineData("::7f00:1", "127.0.0.1")]
    [InlineData("64:ff9b:1::7f00:1", "127.0.0.1")]
    [InlineData("64:ff9b:1:7f00:0:100::", "127.0.0.1")]
    [InlineData("64:ff9b:1:a9fe:a9:fe00::", "169.254.169.254", "254.169.254.0", "169.254.0.0")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void Embedded_ipv4_addresses_are_found_where_each_transition_mechanism_puts_them(string v6, params string[] expected)
    {
        Span<uint> found = stackalloc uint[4];
        var count = EndpointPolicy.EmbeddedIPv4(IPAddress.Parse(v6).GetAddressBytes(), found);

        found[..count].ToArray().Select(v => new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]).ToString()).Should().Equal(expected);
    }

    [Theory]
    [InlineData("127.0.0.1", IsolationLevel.Moderate, true)]
    [InlineData("::ffff:127.0.0.1", IsolationLevel.Moderate, true)]
    [InlineData("169.254.169.254", IsolationLevel.Moderate, true)]
    [InlineData("100.100.100.200", IsolationLevel.Moderate, true)]
    [InlineData("0.0.0.0", IsolationLevel.Moderate, true)]
    [InlineData("::", IsolationLevel.Moderate, true)]
    [InlineData("10.0.0.1", IsolationLevel.Moderate, false)]
    [InlineData("10.0.0.1", IsolationLevel.Strict, true)]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", IsolationLevel.Strict, true)]
    [InlineData("2001:0:4136:e378:8000:63bf:a247:28f1", IsolationLevel.Strict, false)]
    [InlineData("93.184.215.14", IsolationLevel.Strict, false)]
    [InlineData("127.0.0.1", IsolationLevel.Basic, false)]
    public void One_table_judges_addresses_for_both_guards(string address, IsolationLevel level, bool forbidden) =>
        EndpointPolicy.IsForbidden(IPAddress.Parse(address), level).Should().Be(forbidden);

    private static IEnumerable<string> Urls(TheoryData<string> rows) => ((IEnumerable<object[]>)rows).Select(row => (string)row[0]);

    private sealed record ValidationResultCheck(FluentValidation.Results.ValidationResult Result);
}
