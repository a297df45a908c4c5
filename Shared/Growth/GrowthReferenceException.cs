namespace ChildAid.Shared.Growth;

/// <summary>
/// The WHO tables are missing or not as expected. The message says, in Vietnamese then English, what is wrong and how
/// to install the tables; an <see cref="InvalidOperationException"/> so the CLI prints it as it prints other failures.
/// </summary>
public sealed class GrowthReferenceException(string message) : InvalidOperationException(message);
