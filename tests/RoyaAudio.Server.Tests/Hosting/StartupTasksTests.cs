using RoyaAudio.Server.Hosting;

namespace RoyaAudio.Server.Tests.Hosting;

public sealed class StartupTasksTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("roya-scratch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Scratch_folders_a_killed_worker_left_a_day_ago_are_removed_and_a_running_render_keeps_its_own()
    {
        var abandoned = Directory.CreateDirectory(Path.Combine(_root, "12-abandoned")).FullName;
        var running = Directory.CreateDirectory(Path.Combine(_root, "13-running")).FullName;
        var oldClip = Path.Combine(abandoned, "unit-1.wav");
        var stillWritten = Path.Combine(running, "programme.f32");
        var oldInRunning = Path.Combine(running, "unit-1.wav");
        foreach (var file in new[] { oldClip, stillWritten, oldInRunning })
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        File.SetLastWriteTimeUtc(oldClip, DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(oldInRunning, DateTime.UtcNow.AddDays(-2));
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));

        Assert.Equal(1, StartupTasks.RemoveAbandonedScratch(_root));
        Assert.False(Directory.Exists(abandoned));
        Assert.True(File.Exists(stillWritten));
        Assert.True(File.Exists(oldInRunning));
        Assert.Equal(0, StartupTasks.RemoveAbandonedScratch(Path.Combine(_root, "missing")));
    }
}
