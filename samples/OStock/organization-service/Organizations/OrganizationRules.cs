using System.Text.RegularExpressions;

namespace OStock.OrganizationService.Organizations;

/// <summary>The checks on an organisation; each problem is keyed by the JSON field it is about.</summary>
internal static partial class OrganizationRules
{
    public const int MaxIdLength = 64;

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    public static Dictionary<string, string[]> Problems(string? id, string? name, string? contactName, string? contactEmail, string? contactPhone)
    {
        var problems = new Dictionary<string, string[]>();
        if (id is not null && !IsValidId(id))
        {
            problems["id"] = [$"id must be 1-{MaxIdLength} letters, digits, '-' or '_'"];
        }

        Required(problems, "name", name, 100);
        Required(problems, "contactName", contactName, 100);
        if (Required(problems, "contactEmail", contactEmail, 254) && !EmailPattern().IsMatch(contactEmail!))
        {
            problems["contactEmail"] = ["contactEmail must be an e-mail address (name@domain)"];
        }

        if (contactPhone is not null && (contactPhone.Length > 32 || !PhonePattern().IsMatch(contactPhone)))
        {
            problems["contactPhone"] = ["contactPhone must be at most 32 digits, spaces and + - ( ) ."];
        }

        return problems;
    }

    private static bool Required(Dictionary<string, string[]> problems, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems[field] = [$"{field} is required"];
            return false;
        }

        if (value.Length > maxLength)
        {
            problems[field] = [$"{field} must be at most {maxLength} characters (was {value.Length})"];
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9 +()\-.]*$")]
    private static partial Regex PhonePattern();
}
