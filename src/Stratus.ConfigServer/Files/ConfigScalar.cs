namespace Stratus.ConfigServer.Files;

/// <summary>
/// One configuration value after parsing. <see cref="Text"/> is the canonical text Spring prints for it in
/// flattened output (<c>511</c> for YAML <c>0777</c>, <c>true</c> for <c>yes</c>); <see cref="Kind"/> decides
/// whether JSON carries it as a string, a number or a boolean.
/// </summary>
internal readonly record struct ConfigScalar(ScalarKind Kind, string Text)
{
    public static ConfigScalar String(string text) => new(ScalarKind.String, text);
}
