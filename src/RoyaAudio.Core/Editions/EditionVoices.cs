namespace RoyaAudio.Editions;

/// <summary>How each speech engine reads an edition unless settings or an editor choose otherwise.</summary>
/// <param name="Espeak">The espeak-ng voice; `espeak-ng --voices` lists them.</param>
/// <param name="OpenAi">The voice of the OpenAI-compatible services, Azure's included.</param>
/// <param name="ReadingStyle">The newsroom's reading style, sent to the models that take instructions.</param>
public sealed record EditionVoices(string Espeak, string OpenAi, string ReadingStyle);
