namespace RoyaAudio.Articles;

/// <summary>
/// The article itself is wrong (not our code): the message names the problem in words an editor or
/// CMS developer can act on. Callers show it as is, without a stack trace.
/// </summary>
public sealed class ArticleInputException : Exception
{
    public ArticleInputException(string message) : base(message) { }

    public ArticleInputException(string message, Exception inner) : base(message, inner) { }

    public ArticleInputException() { }
}
