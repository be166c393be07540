namespace Masthead.Core.Publishing;

/// <summary>The actor's role does not allow this; nothing was changed. Answered with 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The article is not in a state that allows this step (publishing a published article, say). Answered with 409.</summary>
public sealed class WorkflowException(string message) : Exception(message);

/// <summary>
/// What the person asked for (an article, a revision, a staff member...) does not exist. Answered with 404; a
/// KeyNotFoundException, by contrast, is a bug and answers 500.
/// </summary>
public sealed class NotFoundException(string message) : Exception(message);
