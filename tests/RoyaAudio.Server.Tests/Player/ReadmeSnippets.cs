using System.Text.RegularExpressions;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>Code the README tells sites to paste, read from README.md itself so the two cannot drift apart.</summary>
public static partial class ReadmeSnippets
{
    /// <summary>The html block that holds the iframe and the script that sizes it.</summary>
    public static string Iframe()
    {
        var readme = File.ReadAllText(FindReadme());
        var block = HtmlBlock().Matches(readme).Select(m => m.Groups[1].Value).SingleOrDefault(b => b.Contains("<iframe", StringComparison.Ordinal) && b.Contains("<script>", StringComparison.Ordinal));
        return block ?? throw new InvalidOperationException("README.md has no html block with the iframe and its script");
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "RoyaAudio.sln")))
            {
                return path;
            }
        }

        throw new FileNotFoundException("README.md was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```html\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HtmlBlock();
}
