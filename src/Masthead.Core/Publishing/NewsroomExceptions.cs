namespace Masthead.Core.Publishing;

/// <summary>The actor's role does not allow this; nothing was changed. Answered with 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The article is not in a state that allows this step (publishing a published article, say). Answered with 409.</summary>
public sealed class WorkflowException(string message) : Exception(message);
