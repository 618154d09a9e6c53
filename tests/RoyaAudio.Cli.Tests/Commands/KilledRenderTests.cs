using System.Diagnostics;

namespace RoyaAudio.Tests.Commands;

/// <summary>A render killed mid-way leaves nothing in the temp folder once the next render has run there.</summary>
public sealed class KilledRenderTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("roya-killed-").FullName;

    private string Temp => Path.Combine(_work, "tmp");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private ProcessStartInfo Render(string sample)
    {
        Directory.CreateDirectory(Temp);
        var start = CliProcess.StartInfo(
            "render", CliProcess.Sample(sample), "--out", Path.Combine(_work, "out"), "--cache", Path.Combine(_work, "cache"));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        // The temp folder the render's process sees, as TMPDIR sets it for any program on Linux.
        start.Environment["TMPDIR"] = Temp + "/";
        // The runtime's own diagnostic pipes (not files of ours) would otherwise sit in the same folder.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        return start;
    }

    private string[] FilesInTemp() => Directory.GetFiles(Temp, "*", SearchOption.AllDirectories);

    [Fact]
    public async Task A_render_killed_while_recording_leaves_no_file_after_the_next_render_in_the_same_temp_folder()
    {
        using (var killed = Process.Start(Render("ten-minute-roundup.json"))!)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!FilesInTemp().Any(f => Path.GetFileName(f).StartsWith("roya-programme-", StringComparison.Ordinal) && new FileInfo(f).Length > 0))
            {
                Assert.False(killed.HasExited, $"the render ended (exit {(killed.HasExited ? killed.ExitCode : 0)}) before it was killed; in {Temp}: {string.Join(", ", FilesInTemp())} dirs {string.Join(", ", Directory.GetDirectories(Temp, "*", SearchOption.AllDirectories))}");
                Assert.True(DateTime.UtcNow < deadline, "the render never started recording");
                await Task.Delay(50);
            }

            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }

        // SIGKILL runs no cleanup: the recording is still there.
        Assert.Contains(FilesInTemp(), f => Path.GetFileName(f).StartsWith("roya-programme-", StringComparison.Ordinal));

        using (var next = Process.Start(Render("roya-putin-iran.json"))!)
        {
            var errors = next.StandardError.ReadToEndAsync();
            await next.StandardOutput.ReadToEndAsync();
            await next.WaitForExitAsync();
            Assert.True(next.ExitCode == 0, await errors);
        }

        Assert.Empty(FilesInTemp());
    }
}
