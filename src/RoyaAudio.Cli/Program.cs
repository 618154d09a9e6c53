using System.CommandLine;
using RoyaAudio.Cli.Commands;

var root = new RootCommand("RoyaAudio: news articles into narrated MP3s with sentence timings")
{
    RenderCommand.Create(),
    ScriptCommand.Create(),
    SplitCommand.Create(),
    ServeTtsCommand.Create(),
    QualityCommand.Create(),
};

return await CommandRunner.InvokeAsync(root, args);
