using System.CommandLine;
using System.Text.Json;
using RoyaAudio.Articles;
using RoyaAudio.Rendering;
using RoyaAudio.Text;

namespace RoyaAudio.Cli.Commands;

/// <summary><c>roya-audio script article.json</c>: exactly what will be read, paragraph by paragraph.</summary>
internal static class ScriptCommand
{
    public static Command Create()
    {
        var article = new Argument<FileInfo>("article") { Description = "Article JSON file" };
        var json = new Option<bool>("--json") { Description = "Print the script as JSON" };
        var lexicon = Shared.LexiconOption();
        var command = new Command("script", "Show the speech script an article becomes") { article, json, lexicon };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var input = ArticleReader.ReadFile(parse.GetRequiredValue(article).FullName);
            var script = SpeechScriptBuilder.Build(input, Shared.ReadLexicon(parse.GetValue(lexicon)));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(script, RenditionJson.Instance.SpeechScript));
                return Task.FromResult(CommandRunner.Success);
            }

            foreach (var paragraph in script.Paragraphs)
            {
                foreach (var sentence in paragraph.Sentences)
                {
                    // The sentence as listeners see it, then what the voice says where that differs (numbers in
                    // words, titles in full, the lexicon's respellings).
                    Console.WriteLine(sentence.Text);
                    if (sentence.Spoken != sentence.Text)
                    {
                        Console.WriteLine($"    spoken: {sentence.Spoken}");
                    }
                }

                Console.WriteLine();
            }

            return Task.FromResult(CommandRunner.Success);
        }));
        return command;
    }
}
