namespace Stratus.Gateway.Definitions;

/// <summary>How shorthand arguments map to fields, as Spring's <c>ShortcutConfigurable.ShortcutType</c>.</summary>
internal enum ShortcutType
{
    /// <summary>Positional arguments fill the fields in order.</summary>
    Default,

    /// <summary>Every argument goes into the one list field.</summary>
    GatherList,

    /// <summary>Every argument goes into the list field, except a last <c>true</c>/<c>false</c>, which fills the flag field.</summary>
    GatherListTailFlag,
}
