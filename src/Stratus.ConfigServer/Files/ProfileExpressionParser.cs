namespace Stratus.ConfigServer.Files;

/// <summary>
/// Recursive-descent parser and evaluator for one item of a profile expression:
/// <c>expr := unary (('&amp;' unary)* | ('|' unary)*)</c>, <c>unary := '!' unary | '(' expr ')' | name</c>.
/// </summary>
internal sealed class ProfileExpressionParser(string expression, string item, IReadOnlyCollection<string> activeProfiles)
{
    private const int MaxDepth = 64;
    private int _position;
    private int _depth;

    public bool ParseItem()
    {
        SkipSpaces();
        if (_position == item.Length)
        {
            throw Invalid("must contain text in every comma-separated item");
        }

        var value = ParseExpression();
        SkipSpaces();
        if (_position < item.Length)
        {
            throw Invalid("unexpected '" + item[_position] + "'");
        }

        return value;
    }

    private bool ParseExpression()
    {
        if (++_depth > MaxDepth)
        {
            throw Invalid("nested too deeply");
        }

        var value = ParseUnary();
        char? op = null;
        while (true)
        {
            SkipSpaces();
            if (_position == item.Length || item[_position] is not ('&' or '|'))
            {
                break;
            }

            var current = item[_position++];
            if (op is not null && op != current)
            {
                throw Invalid("'&' and '|' must not be mixed without parentheses");
            }

            op = current;
            var right = ParseUnary();
            value = current == '&' ? value & right : value | right;
        }

        _depth--;
        return value;
    }

    private bool ParseUnary()
    {
        SkipSpaces();
        if (_position == item.Length)
        {
            throw Invalid("expected a profile name at the end");
        }

        switch (item[_position])
        {
            case '!':
                _position++;
                if (++_depth > MaxDepth)
                {
                    throw Invalid("nested too deeply");
                }

                var negated = !ParseUnary();
                _depth--;
                return negated;
            case '(':
                _position++;
                var value = ParseExpression();
                SkipSpaces();
                if (_position == item.Length || item[_position] != ')')
                {
                    throw Invalid("missing ')'");
                }

                _position++;
                return value;
            default:
                var start = _position;
                while (_position < item.Length && item[_position] is not ('(' or ')' or '&' or '|' or '!'))
                {
                    _position++;
                }

                var name = item[start.._position].Trim();
                if (name.Length == 0)
                {
                    throw Invalid("expected a profile name before '" + item[_position] + "'");
                }

                return activeProfiles.Contains(name, StringComparer.Ordinal);
        }
    }

    private void SkipSpaces()
    {
        while (_position < item.Length && char.IsWhiteSpace(item[_position]))
        {
            _position++;
        }
    }

    private FormatException Invalid(string problem) =>
        new("Invalid profile expression '" + YamlComposer.Shorten(expression) + "': " + problem);
}
