namespace Hush.ExtProc.Policies;

/// <summary>A policy artifact could not be loaded; the message names the file and the reason.</summary>
public sealed class PolicyLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyLoadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
