using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Stratus.Config.Encryption;
using Stratus.ConfigServer.Encryption;

namespace Stratus.ConfigServer.Http;

/// <summary>
/// <c>/encrypt</c>, <c>/decrypt</c>, <c>/encrypt/status</c> and <c>/key</c> with Spring's bodies and status codes. They
/// need the admin user, or a caller on loopback when no admin user is set. Plain text and ciphers are never logged.
/// </summary>
internal sealed class EncryptionEndpoints(CipherKeys keys, AccessControl access, TimeProvider time)
{
    private const int MaxBody = 64 * 1024;

    public async Task StatusAsync(HttpContext context)
    {
        if (await DeniedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (keys.Locate(new Dictionary<string, string>()) is null)
        {
            await NoKeyAsync(context).ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, StatusCodes.Status200OK, "{\"status\":\"OK\"}").ConfigureAwait(false);
    }

    public async Task KeyAsync(HttpContext context)
    {
        if (await DeniedAsync(context).ConfigureAwait(false) || !await ValidSlotsAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!keys.Installed)
        {
            await NoKeyAsync(context).ConfigureAwait(false);
            return;
        }

        await JsonAsync(context, StatusCodes.Status404NotFound, "{\"description\":\"No public key available\",\"status\":\"NOT_FOUND\"}").ConfigureAwait(false);
    }

    public async Task EncryptAsync(HttpContext context)
    {
        if (await DeniedAsync(context).ConfigureAwait(false) || !await ValidSlotsAsync(context).ConfigureAwait(false)
            || await BodyAsync(context).ConfigureAwait(false) is not { } data)
        {
            return;
        }

        var input = StripFormData(data, context.Request.ContentType, cipher: false);
        var prefixes = CipherPrefix.Read(input, out var text);
        if (keys.Locate(prefixes) is not { } encryptor)
        {
            await NoKeyAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.WriteAsync(CipherPrefix.Write(prefixes, encryptor.Encrypt(text)), context.RequestAborted).ConfigureAwait(false);
    }

    public async Task DecryptAsync(HttpContext context)
    {
        if (await DeniedAsync(context).ConfigureAwait(false) || !await ValidSlotsAsync(context).ConfigureAwait(false)
            || await BodyAsync(context).ConfigureAwait(false) is not { } data)
        {
            return;
        }

        var prefixes = CipherPrefix.Read(data, out var cipher);
        if (keys.Locate(prefixes) is not { } encryptor)
        {
            await NoKeyAsync(context).ConfigureAwait(false);
            return;
        }

        string plain;
        try
        {
            plain = encryptor.Decrypt(StripFormData(cipher, context.Request.ContentType, cipher: true));
        }
        catch (CryptographicException)
        {
            await JsonAsync(context, StatusCodes.Status400BadRequest, "{\"description\":\"Text not encrypted with this key\",\"status\":\"INVALID\"}").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain;charset=UTF-8";
        await context.Response.WriteAsync(plain, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Spring's rule for bodies posted as forms by mistake (curl's default): a body ending in <c>=</c> that is not
    /// exactly <c>text/plain</c> is URL-decoded and the trailing <c>=</c> dropped, unless for a cipher that needs it.
    /// </summary>
    internal static string StripFormData(string data, string? contentType, bool cipher)
    {
        if (!data.EndsWith('=') || string.Equals(contentType?.Trim(), "text/plain", StringComparison.OrdinalIgnoreCase) || contentType is null)
        {
            return data;
        }

        data = WebUtility.UrlDecode(data);
        if (cipher)
        {
            data = data.Replace(' ', '+');
        }

        var candidate = data[..^1];
        if (!cipher)
        {
            return candidate;
        }

        if (data.EndsWith('=') && data.Length % 2 == 1 && (IsHex(candidate) || IsBase64(candidate)))
        {
            return candidate;
        }

        return data;
    }

    private static bool IsHex(string text) => text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);

    private static bool IsBase64(string text)
    {
        Span<byte> buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private async Task<bool> DeniedAsync(HttpContext context)
    {
        if (access.CheckAdmin(context) is not { } denied)
        {
            return false;
        }

        if (denied.Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = AccessControl.Realm;
        }

        await ErrorResponse.WriteAsync(context, denied.Status, denied.Message, time).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> ValidSlotsAsync(HttpContext context)
    {
        var application = context.Request.RouteValues["application"] as string;
        var profiles = context.Request.RouteValues["profiles"] as string;
        var invalid = (application is null ? null : PathRules.CheckApplication(application)) ?? (profiles is null ? null : PathRules.CheckProfiles(profiles));
        if (invalid is null)
        {
            return true;
        }

        await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, invalid, time).ConfigureAwait(false);
        return false;
    }

    private async Task<string?> BodyAsync(HttpContext context)
    {
        var body = await BodyReader.ReadAsync(context, MaxBody).ConfigureAwait(false);
        if (body is null)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"Body over {MaxBody} bytes", time).ConfigureAwait(false);
            return null;
        }

        return Encoding.UTF8.GetString(body);
    }

    private static Task NoKeyAsync(HttpContext context) =>
        JsonAsync(context, StatusCodes.Status404NotFound, "{\"description\":\"No key was installed for encryption service\",\"status\":\"NO_KEY\"}");

    private static Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
