namespace Masthead.Hosting;

/// <summary>Creates the data directory and its uploads folder, or says which one cannot be created and why.</summary>
public static class DataDirectories
{
    public static void Create(MastheadOptions options)
    {
        foreach (var directory in new[] { options.DataDirectoryFullPath, options.UploadsDirectoryFullPath })
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new StartupException(
                    $"Masthead cannot create the directory {directory}: {Reason(directory, exception)} Set Masthead__DataDirectory to a directory this user may write.",
                    exception);
            }
        }
    }

    /// <summary>.NET says "Could not find a part of the path" when a file stands where a directory should be.</summary>
    private static string Reason(string directory, Exception exception)
    {
        for (var path = directory; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return $"{path} is a file, not a directory.";
            }
        }

        return exception.Message;
    }
}
