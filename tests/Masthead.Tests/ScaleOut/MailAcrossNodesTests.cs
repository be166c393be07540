using Masthead.Core.Mail;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>Two nodes on one database share the outbox: every message is sent, and sent once.</summary>
public sealed class MailAcrossNodesTests
{
    private const int LettersPerNode = 10;

    [Fact]
    public async Task Messages_queued_on_both_nodes_while_the_mail_server_is_down_are_each_sent_exactly_once_when_it_is_back()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        await using var nodes = await TwoNodes.StartAsync(arguments: smtp.Arguments());

        for (var i = 0; i < LettersPerNode; i++)
        {
            foreach (var (node, name) in new[] { (nodes.A, "A"), (nodes.B, "B") })
            {
                using var sent = await new NewsroomClient(node).SubmitAsync("/contact", ".contact-form form", new()
                {
                    ["Name"] = "Orla Pennywhistle",
                    ["Email"] = "orla@example.org",
                    ["Subject"] = $"Letter {i} through node {name}",
                    ["Message"] = "Both nodes queue, both nodes send.",
                });
                Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.StatusCode);
            }
        }

        // Each letter notifies the editor and the administrator: both nodes try them all, fail, and wait to try again.
        const int expected = LettersPerNode * 2 * 2;
        await TwoNodes.EventuallyAsync(async () => (await LettersAsync(nodes.A)).Count(m => m.Attempts > 0 && m.State == OutgoingMailState.Queued) == expected,
            "every message tried while the server was down", 60);
        await smtp.StartAgainAsync();
        await TwoNodes.EventuallyAsync(async () => (await LettersAsync(nodes.B)).All(m => m.State == OutgoingMailState.Sent), "every message sent", 90);

        var received = smtp.Received.Where(m => m.Subject.StartsWith("Reader message: Letter", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, (await LettersAsync(nodes.A)).Count);
        Assert.Equal(expected, received.Count);
        Assert.Equal(expected, received.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Equal(expected, received.Select(m => (m.Subject, m.EnvelopeTo.Single())).Distinct().Count());
    }

    [Fact]
    public async Task A_message_a_stopped_node_had_claimed_is_sent_by_another_once_the_claim_lapses()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var server = await MastheadServer.StartAsync(demo: true, extraArgs: smtp.Arguments());
        var now = DateTime.UtcNow;

        // As a node leaves it when it stops between claiming a message and recording what became of it.
        await server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            db.Outbox.Add(new OutgoingMail
            {
                Kind = MailKind.Test,
                ToAddress = "orphan@example.org",
                Subject = "Claimed by a node that stopped",
                TextBody = "Still to be sent.",
                HtmlBody = "<p>Still to be sent.</p>",
                QueuedAt = now,
                NextAttemptAt = now,
                ExpiresAt = now.AddHours(1),
                State = OutgoingMailState.Sending,
                ClaimToken = Guid.NewGuid(),
                ClaimedUntil = now.AddSeconds(-1),
            });
            await db.SaveChangesAsync();
        });

        await smtp.WaitForAsync("orphan@example.org", "Claimed by a node that stopped", 60);
    }

    private static Task<List<OutgoingMail>> LettersAsync(MastheadServer node) => node.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Outbox.AsNoTracking().Where(m => m.Subject.StartsWith("Reader message: Letter")).ToListAsync());
}
