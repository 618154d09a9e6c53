namespace RoyaAudio.Rendering;

/// <summary>
/// An exclusive lock on one article's outputs, held by an open lock file (an advisory lock on Linux),
/// so renders in other processes take turns too. The file stays: deleting it would let two holders
/// lock different files.
/// </summary>
internal static class OutputLock
{
    public static async Task<IDisposable> AcquireAsync(string directory, string articleId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $".{articleId}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
