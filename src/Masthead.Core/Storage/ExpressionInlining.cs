using System.Linq.Expressions;

namespace Masthead.Core.Storage;

/// <summary>Builds query expressions from parts: a lambda's body with its parameters replaced by the given expressions.</summary>
public static class ExpressionInlining
{
    public static Expression Inline(this LambdaExpression lambda, params Expression[] arguments) =>
        new Substitution(lambda.Parameters, arguments).Visit(lambda.Body);

    private sealed class Substitution(IReadOnlyCollection<ParameterExpression> parameters, Expression[] arguments) : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> _arguments =
            parameters.Zip(arguments).ToDictionary(pair => pair.First, pair => pair.Second);

        protected override Expression VisitParameter(ParameterExpression node) => _arguments.GetValueOrDefault(node, node);
    }
}
