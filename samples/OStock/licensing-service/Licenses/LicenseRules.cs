using System.Text.RegularExpressions;

namespace OStock.LicensingService.Licenses;

/// <summary>The checks on a licence; each problem is keyed by the JSON field it is about.</summary>
internal static partial class LicenseRules
{
    public const int MaxIdLength = 64;

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    public static Dictionary<string, string[]> Problems(string? licenseId, string? organizationId, string? description, string? productName, string? licenseType, string? comment)
    {
        var problems = new Dictionary<string, string[]>();
        if (licenseId is not null && !IsValidId(licenseId))
        {
            problems["licenseId"] = [$"licenseId must be 1-{MaxIdLength} letters, digits, '-' or '_'"];
        }

        if (!IsValidId(organizationId))
        {
            problems["organizationId"] = [$"organizationId must be 1-{MaxIdLength} letters, digits, '-' or '_'"];
        }

        Required(problems, "productName", productName, 100);
        Required(problems, "licenseType", licenseType, 50);
        Optional(problems, "description", description, 500);
        Optional(problems, "comment", comment, 500);
        return problems;
    }

    private static void Required(Dictionary<string, string[]> problems, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems[field] = [$"{field} is required"];
        }
        else
        {
            Optional(problems, field, value, maxLength);
        }
    }

    private static void Optional(Dictionary<string, string[]> problems, string field, string? value, int maxLength)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            problems[field] = [$"{field} must be at most {maxLength} characters (was {length})"];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdPattern();
}
