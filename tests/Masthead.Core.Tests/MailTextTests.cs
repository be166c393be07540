using Masthead.Core.Mail;

namespace Masthead.Core.Tests;

public sealed class MailTextTests
{
    [Theory]
    [InlineData("Ward map\r\nBcc: everyone@example.net", "Ward map Bcc: everyone@example.net")]
    [InlineData("Tabs\tand\u0000nulls", "Tabs and nulls")]
    [InlineData("Line\u2028separator\u2029paragraph", "Line separator paragraph")]
    [InlineData("  Zoë   Ångström  ", "Zoë Ångström")]
    public void A_header_value_is_one_line_whatever_was_typed(string typed, string header) =>
        Assert.Equal(header, MailQueue.OneLine(typed, 300));

    [Fact]
    public void A_header_value_too_long_for_its_column_is_shortened()
    {
        var line = MailQueue.OneLine(string.Join(' ', Enumerable.Repeat("word", 100)), 50);

        Assert.True(line.Length <= 50);
        Assert.EndsWith("…", line);
    }

    [Fact]
    public void Quoted_words_stay_text_in_both_parts_with_their_line_breaks()
    {
        var content = new MailBody("Anaya Kessler")
            .Paragraph("Orla wrote to “The Lantern”:")
            .Quote("<script>alert('x')</script>\r\nA & B \"quoted\"")
            .Link("Open it", "https://news.example.org/newsroom/inbox/7?a=1&b=2")
            .Build("Reader message: <b>hi</b>", "The Larkmoor Lantern", "You get this email because you handle the inbox.",
                "https://news.example.org/newsroom/staff/3#notifications");

        Assert.StartsWith("Hello Anaya Kessler,\n\nOrla wrote to “The Lantern”:\n\n> <script>alert('x')</script>\n> A & B \"quoted\"\n\n"
            + "Open it:\nhttps://news.example.org/newsroom/inbox/7?a=1&b=2\n", content.Text);
        Assert.EndsWith("-- \nThe Larkmoor Lantern\nYou get this email because you handle the inbox. "
            + "Switch it off in My profile: https://news.example.org/newsroom/staff/3#notifications\n", content.Text);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>\nA &amp; B &quot;quoted&quot;</blockquote>", content.Html);
        Assert.Contains("<a href=\"https://news.example.org/newsroom/inbox/7?a=1&amp;b=2\">Open it</a>", content.Html);
        Assert.Contains("<title>Reader message: &lt;b&gt;hi&lt;/b&gt;</title>", content.Html);
        Assert.Contains("<p>Orla wrote to “The Lantern”:</p>", content.Html);
        Assert.DoesNotContain("<script", content.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(6, 1920)]
    [InlineData(7, 3600)]
    [InlineData(40, 3600)]
    public void A_temporary_failure_waits_twice_as_long_each_time_up_to_an_hour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Outbox.WaitAfter(attempts, TimeSpan.FromMinutes(1)));

    [Fact]
    public void A_link_is_worth_sending_for_as_long_as_it_works()
    {
        Assert.Equal(TimeSpan.FromHours(1), MailQueue.WorthTrying(MailKind.PasswordReset));
        Assert.Equal(TimeSpan.FromDays(1), MailQueue.WorthTrying(MailKind.EmailChangeConfirmation));
        Assert.Equal(TimeSpan.FromDays(7), MailQueue.WorthTrying(MailKind.Invitation));
        Assert.Equal(TimeSpan.FromDays(3), MailQueue.WorthTrying(MailKind.SubmittedForReview));
    }

    [Fact]
    public void Writers_hear_about_their_articles_and_editors_also_about_the_desk()
    {
        Assert.DoesNotContain(Notification.ReviewRequested, NotificationPreferences.For(People.NewsroomRole.Reporter));
        Assert.DoesNotContain(Notification.InboxMessage, NotificationPreferences.For(People.NewsroomRole.Contributor));
        Assert.Equal(Enum.GetValues<Notification>(), NotificationPreferences.For(People.NewsroomRole.Editor));
    }
}
