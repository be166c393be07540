using MimeKit;

namespace Masthead.Mail;

/// <summary>
/// Where messages go when no mail server is set: each is written whole as an .eml file (any mail program opens one)
/// into the data directory's mail/ folder, so a newsroom without email can still read what would have been sent.
/// </summary>
public sealed class MailDirectory(string path)
{
    public string Path { get; } = path;

    /// <returns>Where the message was written.</returns>
    public async Task<string> WriteAsync(MimeMessage message, string name, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var file = System.IO.Path.Combine(Path, name + ".eml");
        var partial = file + ".partial";
        // Written aside and moved into place, so a mail program never opens half a message.
        await using (var stream = File.Create(partial))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(partial, file, overwrite: true);
        return file;
    }
}
