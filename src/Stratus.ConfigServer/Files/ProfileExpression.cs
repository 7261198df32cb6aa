namespace Stratus.ConfigServer.Files;

/// <summary>
/// Evaluates a profile condition with the syntax of Spring's <c>Profiles.of</c>: a comma-separated list matches when
/// any item matches; an item is a profile name or an expression with <c>!</c>, <c>&amp;</c>, <c>|</c> and parentheses.
/// Mixing <c>&amp;</c> and <c>|</c> without parentheses is invalid, as in Spring.
/// </summary>
/// <remarks>
/// Stricter than Spring's tokenizer: a dangling operator (<c>a &amp;</c>), an empty item or unbalanced parentheses
/// throw <see cref="FormatException"/> instead of being ignored. Profile names are compared ordinally; a name may
/// contain inner spaces (<c>my profile</c>) but not <c>( ) &amp; | ! ,</c>.
/// </remarks>
internal static class ProfileExpression
{
    public static bool Matches(string expression, IReadOnlyCollection<string> activeProfiles)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(activeProfiles);
        var matched = false;
        foreach (var item in expression.Split(','))
        {
            // Every item is parsed, so an invalid item fails even when an earlier one matched.
            var parser = new ProfileExpressionParser(expression, item, activeProfiles);
            var value = parser.ParseItem();
            matched |= value;
        }

        return matched;
    }
}
