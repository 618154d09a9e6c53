namespace RoyaAudio.Setup;

/// <summary>A program or native library we need is not installed; the message says which command installs it.</summary>
public sealed class MissingDependencyException : Exception
{
    public MissingDependencyException(string what, string installCommand)
        : base($"{what} is not installed: run `{installCommand}`")
    {
        InstallCommand = installCommand;
    }

    public MissingDependencyException() { }

    public MissingDependencyException(string message) : base(message) { }

    public MissingDependencyException(string message, Exception inner) : base(message, inner) { }

    public string? InstallCommand { get; }
}
