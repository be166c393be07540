using System.Text.RegularExpressions;
using Masthead.Tests.Cli;

namespace Masthead.Tests.ContentApi;

/// <summary>`masthead key add|list|revoke`, run as an operator would run them, on the suite's database.</summary>
public sealed partial class ContentApiCommandLineTests
{
    [Fact]
    public async Task Keys_are_added_listed_and_revoked_by_number_or_by_key()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var first = await masthead.RunAsync("key", "add", "--name", "Mobile app");
        var second = await masthead.RunAsync("key", "add", "--name", "Static site");
        var firstKey = LastLine(first.Output);
        var secondKey = LastLine(second.Output);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(HexKey(), firstKey);
        Assert.Matches(HexKey(), secondKey);
        Assert.NotEqual(firstKey, secondKey);

        var listed = await masthead.RunAsync("key", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(listed.Output.Split('\n'), l => l.Contains("Mobile app") && l.Contains("active") && l.TrimEnd().EndsWith(firstKey));
        Assert.Contains(listed.Output.Split('\n'), l => l.Contains("Static site") && l.Contains("active") && l.TrimEnd().EndsWith(secondKey));

        var byNumber = await masthead.RunAsync("key", "revoke", "1");
        var byKey = await masthead.RunAsync("key", "revoke", secondKey);
        Assert.Equal((0, 0), (byNumber.ExitCode, byKey.ExitCode));
        Assert.Contains("Revoked Content API key 1 \"Mobile app\".", byNumber.Output);
        Assert.Contains("\"Static site\"", byKey.Output);

        var after = await masthead.RunAsync("key", "list");
        Assert.DoesNotContain(after.Output.Split('\n'), l => l.Contains("active"));
        Assert.Contains(after.Output.Split('\n'), l => l.Contains("Mobile app") && RevokedAt().IsMatch(l));
    }

    [Fact]
    public async Task Bad_input_gets_one_clear_line_and_exit_code_1()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();
        var key = LastLine((await masthead.RunAsync("key", "add", "--name", "Once")).Output);
        await masthead.RunAsync("key", "revoke", key);

        var again = await masthead.RunAsync("key", "revoke", key);
        var unknown = await masthead.RunAsync("key", "revoke", "99");
        var blank = await masthead.RunAsync("key", "add", "--name", " ");

        Assert.Equal((1, "masthead: The key 'Once' was already revoked."), (again.ExitCode, again.Error.Trim()));
        Assert.Equal((1, "masthead: There is no Content API key '99'."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Equal(1, blank.ExitCode);
        Assert.StartsWith("masthead: Name the key", blank.Error.Trim());
        Assert.DoesNotContain("   at ", again.Error + unknown.Error + blank.Error);
    }

    [Fact]
    public async Task An_admin_key_is_printed_as_id_and_secret_on_the_last_line_with_its_role()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var added = await masthead.RunAsync("key", "add", "--name", "Newsletter tool", "--admin", "--role", "editor");
        var listed = await masthead.RunAsync("key", "list");
        var key = LastLine(added.Output);

        Assert.Equal(0, added.ExitCode);
        Assert.Matches(AdminKey(), key);
        Assert.Contains("acting as Editor", added.Output);
        Assert.Contains(listed.Output.Split('\n'), l => l.Contains("Newsletter tool") && l.TrimEnd().EndsWith(key));
        var revoked = await masthead.RunAsync("key", "revoke", key);
        Assert.Equal(0, revoked.ExitCode);
    }

    [Fact]
    public async Task A_missing_option_is_a_usage_error_with_exit_code_2()
    {
        await using var masthead = await MastheadProcess.OnTestDatabaseAsync();

        var missing = await masthead.RunAsync("key", "add");

        Assert.Equal((2, "masthead: Option '--name' is required. See 'masthead key add --help'."), (missing.ExitCode, missing.Error.Trim()));
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    [GeneratedRegex("^[0-9a-f]{24}:[0-9a-f]{64}$")]
    private static partial Regex AdminKey();

    [GeneratedRegex("^[0-9a-f]{26}$")]
    private static partial Regex HexKey();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z")]
    private static partial Regex RevokedAt();
}
