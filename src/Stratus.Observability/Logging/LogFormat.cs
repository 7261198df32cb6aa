namespace Stratus.Observability.Logging;

/// <summary>The console log formats <c>Stratus:Observability:Logging:Format</c> accepts.</summary>
internal static class LogFormat
{
    public const string Ecs = "ecs";
    public const string Text = "text";

    public static bool IsKnown(string format) => IsEcs(format) || IsText(format);

    public static bool IsEcs(string format) => string.Equals(format.Trim(), Ecs, StringComparison.OrdinalIgnoreCase);

    public static bool IsText(string format) => string.Equals(format.Trim(), Text, StringComparison.OrdinalIgnoreCase);
}
