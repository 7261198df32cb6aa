namespace Stratus.ConfigServer.Files;

/// <summary>
/// One flattened property of a document: <c>a.b[0].c</c> with its value and where the value starts in the
/// file (1-based line and column, Spring Boot's origin "line:column").
/// </summary>
internal sealed record FlatProperty(string Key, ConfigScalar Value, int Line, int Column);
