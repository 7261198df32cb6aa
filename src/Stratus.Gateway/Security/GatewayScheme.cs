namespace Stratus.Gateway.Security;

/// <summary>
/// The gateway's bearer scheme: Stratus.Security's hardened JWT validation (the resource servers' one implementation)
/// with settings from <c>Stratus:Gateway:Jwt</c>. It is never the default scheme, so only routes that ask validate.
/// </summary>
internal static class GatewayScheme
{
    public const string Name = "StratusGateway";

    public const string Section = GatewayOptions.SectionName + ":Jwt";
}
