using System.CommandLine;
using System.Text.Json;
using RoyaAudio.Articles;
using RoyaAudio.Rendering;
using RoyaAudio.Text;

namespace RoyaAudio.Cli.Commands;

/// <summary><c>roya-audio split --lang en</c>: text on stdin, one sentence per line on stdout.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang") { Description = "Language of the text: en or ar", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of sentences" };
        var command = new Command("split", "Split stdin into sentences") { language, json };
        command.SetAction(parse => CommandRunner.Guard(async () =>
        {
            var lang = parse.GetRequiredValue(language).Trim().ToLowerInvariant();
            if (!Languages.IsSupported(lang))
            {
                throw new UsageException($"unknown language '{lang}': supported are {string.Join(", ", Languages.Supported)}");
            }

            var text = await Console.In.ReadToEndAsync();
            var sentences = new List<string>();
            // Blank lines separate paragraphs; a sentence never runs across one.
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n"))
            {
                sentences.AddRange(SentenceSplitter.Split(paragraph.Replace('\n', ' '), lang));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(sentences, RenditionJson.Instance.ListString));
            }
            else
            {
                foreach (var sentence in sentences)
                {
                    Console.WriteLine(sentence);
                }
            }

            return CommandRunner.Success;
        }));
        return command;
    }
}
