namespace FollowUp;

/// <summary>Bad configuration: the message is shown to the person starting the process, without a stack trace.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
