using System.CommandLine;
using RoyaAudio.Articles;
using RoyaAudio.Setup;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Cli.Commands;

/// <summary>
/// Exit codes the newsroom's scripts can rely on: 0 done, 2 bad input or missing setup (one line on
/// stderr, no stack trace), 1 our own failure.
/// </summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int InternalFailure = 1;
    public const int UserError = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"roya-audio: {error.Message}");
            }

            return UserError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Wraps a command body so user errors become one clear line and exit code 2.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is ArticleInputException or MissingDependencyException or UsageException or SpeechServiceException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"roya-audio: {e.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("roya-audio: cancelled");
            return InternalFailure;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"roya-audio: internal error: {e.Message}");
            if (Environment.GetEnvironmentVariable("ROYA_DEBUG") == "1")
            {
                await Console.Error.WriteLineAsync(e.ToString());
            }

            return InternalFailure;
        }
    }
}

/// <summary>The command line or configuration asks for something that cannot be done; the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
