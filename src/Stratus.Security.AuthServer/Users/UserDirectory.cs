using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer.Users;

/// <summary>Finds users and checks passwords against their stored hashes.</summary>
internal sealed class UserDirectory(AuthServerDbContext db, IPasswordHasher<UserRecord> hasher)
{
    // Checked when the user does not exist, so an unknown name costs as much time as a wrong password.
    private static readonly string DecoyHash = new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), "decoy");

    public Task<UserRecord?> FindByIdAsync(string? id, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(id)
            ? Task.FromResult<UserRecord?>(null)
            : db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>The user whose name and password match, or <see langword="null"/>.</summary>
    public async Task<UserRecord?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = Normalize(username);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken).ConfigureAwait(false);
        var result = hasher.VerifyHashedPassword(user ?? new UserRecord(), user?.PasswordHash ?? DecoyHash, password);
        return user is not null && result != PasswordVerificationResult.Failed ? user : null;
    }

    public static string Normalize(string username) => username.Trim().ToUpperInvariant();

    public static IReadOnlyList<string> RolesOf(UserRecord user) =>
        user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
