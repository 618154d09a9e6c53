using System.Diagnostics;
using RoyaAudio.Rendering;

namespace RoyaAudio.Audio.Tests.Rendering;

/// <summary>A render's scratch folder is named for its process; folders of processes that are gone are swept, whatever their age.</summary>
public sealed class RenderScratchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("roya-scratch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name)
    {
        var path = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        File.WriteAllBytes(Path.Combine(path, "roya-programme.f32"), new byte[1024]);
        return path;
    }

    [Fact]
    public void Folders_of_dead_processes_go_at_once_and_a_live_renders_folder_and_foreign_folders_stay()
    {
        // A process that has ended: its folder was made seconds ago, and still goes.
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ended.WaitForExit();
        var ofEnded = Folder($"{ended.Id}-123-rendition7-abc");
        // This process, but a start time that is not its own: the id was reused by a later process.
        var ofReusedId = Folder($"{Environment.ProcessId}-1-rendition8-abc");
        var foreign = Folder("not-a-render-folder");
        using var live = RenderScratch.Create(_root, "rendition9");
        File.WriteAllBytes(Path.Combine(live.Path, "roya-programme.f32"), new byte[1024]);

        // Making the live folder swept the dead ones already; a second sweep finds nothing more.
        Assert.Equal(0, RenderScratch.RemoveOrphans(_root));
        Assert.False(Directory.Exists(ofEnded));
        Assert.False(Directory.Exists(ofReusedId));
        Assert.True(Directory.Exists(foreign));
        Assert.True(File.Exists(Path.Combine(live.Path, "roya-programme.f32")));
        Assert.StartsWith($"{Environment.ProcessId}-", Path.GetFileName(live.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_render_scratch_folder_is_removed_when_the_render_is_done()
    {
        string path;
        using (var scratch = RenderScratch.Create(_root, "render"))
        {
            path = scratch.Path;
            File.WriteAllBytes(Path.Combine(path, "clip.wav"), [1, 2, 3]);
        }

        Assert.False(Directory.Exists(path));
        Assert.Equal(0, RenderScratch.RemoveOrphans(Path.Combine(_root, "missing")));
    }
}
