using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>A file a command writes whole: into a temporary file beside it, renamed over it only once complete, so a failure leaves nothing half-written.</summary>
internal static class OutputFile
{
    public static async Task<T> WriteAsync<T>(FileInfo file, Func<Stream, Task<T>> write)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new StartupException($"{file.FullName} is a directory; give the name of a file to write.");
        }

        var temporary = file.FullName + ".partial";
        FileStream stream;
        try
        {
            stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Masthead cannot write {file.FullName}: {exception.Message}", exception);
        }

        try
        {
            T result;
            await using (stream)
            {
                result = await write(stream);
            }

            File.Move(temporary, file.FullName, overwrite: true);
            return result;
        }
        catch (Exception exception)
        {
            File.Delete(temporary);
            if (exception is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"Masthead could not finish writing {file.FullName}, and left it as it was: {exception.Message}", exception);
            }

            throw;
        }
    }
}
