using System.Diagnostics;
using System.Globalization;

namespace RoyaAudio.Rendering;

/// <summary>
/// A render's own folder for its temporary files (the programme recording among them), named for the
/// process that owns it: its id and start time. Any process starting a render removes the folders whose
/// owner is gone, whatever their age, so a killed render's files never outlive the next render on the
/// machine. Disposing removes the folder.
/// </summary>
public sealed class RenderScratch : IDisposable
{
    private static readonly Lazy<string> Owner = new(() => OwnerOf(Environment.ProcessId) ?? $"{Environment.ProcessId}-0");

    private RenderScratch(string path) => Path = path;

    /// <summary>Where renders keep scratch folders unless told otherwise: the system temp folder's <c>roya-audio/renders</c>.</summary>
    public static string DefaultRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "roya-audio", "renders");

    public string Path { get; }

    /// <summary>Sweeps folders of dead owners under <paramref name="root"/>, then makes this render's folder there.</summary>
    public static RenderScratch Create(string root, string label)
    {
        ArgumentNullException.ThrowIfNull(root);
        RemoveOrphans(root);
        var path = System.IO.Path.Combine(root, $"{Owner.Value}-{label}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new RenderScratch(path);
    }

    /// <summary>Removes the folders under <paramref name="root"/> whose owning process is no longer alive; returns how many.</summary>
    public static int RemoveOrphans(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var name = System.IO.Path.GetFileName(folder);
            var parts = name.Split('-', 3);
            if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || OwnerOf(pid) == $"{parts[0]}-{parts[1]}")
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process removed it first, or it is not ours to remove.
            }
        }

        return removed;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open elsewhere; the next render's sweep removes the folder once this process is gone.
        }
    }

    /// <summary>"pid-start" for a live process (start in clock ticks since boot on Linux, else UTC ticks), or null when none runs.</summary>
    private static string? OwnerOf(int pid)
    {
        try
        {
            var stat = $"/proc/{pid}/stat";
            if (File.Exists(stat))
            {
                // Field 22 is the start time; the command name (field 2) may hold spaces, so count after its ')'.
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return $"{pid}-{fields[19]}";
            }

            using var process = Process.GetProcessById(pid);
            return $"{pid}-{process.StartTime.ToUniversalTime().Ticks}";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
