namespace Stratus.ConfigServer.Environment;

/// <summary>Turns <c>{cipher}</c> values of an environment into plain text on the way out.</summary>
internal interface IEnvironmentDecryptor
{
    /// <summary>The environment with its ciphers decrypted; values it cannot decrypt replaced by <c>invalid.{key}</c> = <c>&lt;n/a&gt;</c>.</summary>
    ConfigEnvironment Decrypt(ConfigEnvironment environment);
}
