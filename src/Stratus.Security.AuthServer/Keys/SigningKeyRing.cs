using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using Stratus.Security.AuthServer.Storage;

namespace Stratus.Security.AuthServer.Keys;

/// <summary>
/// The server's keys, kept in the database so a restart (or another node on the same database) signs with the same
/// ones. The newest unretired signing key signs; a key replaced by a newer one is retired and stays published in the
/// JWKS, and accepted, until every token it signed has expired. OpenIddict reads its keys from options, so each change
/// swaps the snapshot and fires the change token that makes OpenIddict rebuild them.
/// </summary>
internal sealed partial class SigningKeyRing(
    IServiceScopeFactory scopes,
    IOptions<AuthServerOptions> options,
    TimeProvider time,
    ILogger<SigningKeyRing> logger) : IOptionsChangeTokenSource<OpenIddictServerOptions>, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource _changed = new();
    private KeyRingSnapshot? _snapshot;

    public string? Name => Options.DefaultName;

    /// <summary>The keys in force; throws until the first load.</summary>
    public KeyRingSnapshot Current =>
        Volatile.Read(ref _snapshot) ?? throw new InvalidOperationException("The auth server's keys are not loaded yet; the database initializer loads them at start.");

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    private TimeSpan Retention => options.Value.Keys.RetiredKeyRetention ?? options.Value.LongestTokenLifetime + TimeSpan.FromMinutes(1);

    /// <summary>
    /// Brings the ring up to date: makes the first keys, rotates a key older than the rotation interval, drops retired
    /// keys past their retention, and adopts keys another node wrote.
    /// </summary>
    public Task MaintainAsync(CancellationToken cancellationToken) => UpdateAsync(rotate: false, cancellationToken);

    /// <summary>Retires the signing key now and signs with a new one.</summary>
    public Task RotateAsync(CancellationToken cancellationToken) => UpdateAsync(rotate: true, cancellationToken);

    private async Task UpdateAsync(bool rotate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthServerDbContext>();
            var now = time.GetUtcNow();
            var keys = await db.SigningKeys.ToListAsync(cancellationToken).ConfigureAwait(false);
            var encryption = keys.Where(k => k.Use == KeyMaterial.EncryptionUse).OrderBy(k => k.CreatedAt).FirstOrDefault();
            if (encryption is null)
            {
                encryption = KeyMaterial.NewEncryptionKey(now);
                db.SigningKeys.Add(encryption);
            }

            var signing = keys.Where(k => k.Use == KeyMaterial.SigningUse).OrderByDescending(k => k.CreatedAt).ToList();
            var active = signing.FirstOrDefault(k => k.RetiredAt is null);
            if (active is null || rotate || now - active.CreatedAt >= options.Value.Keys.RotationInterval)
            {
                var next = KeyMaterial.NewSigningKey(options.Value.Keys.Algorithm, now);
                db.SigningKeys.Add(next);
                signing.Insert(0, next);
                Log.KeyCreated(logger, next.Id, next.Algorithm, active?.Id);
                active = next;
            }

            // Two nodes that rotated at once both wrote a key: the newest signs everywhere, the other is retired.
            foreach (var key in signing.Where(k => k != active && k.RetiredAt is null))
            {
                key.RetiredAt = now;
                Log.KeyRetired(logger, key.Id, now + Retention);
            }

            foreach (var key in signing.Where(k => k.RetiredAt is { } retired && now - retired >= Retention).ToList())
            {
                db.SigningKeys.Remove(key);
                signing.Remove(key);
                Log.KeyDropped(logger, key.Id);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var ordered = signing.Where(k => k != active).Prepend(active).ToList();
            var fingerprint = KeyRingSnapshot.FingerprintOf(ordered.Select(k => k.Id).Append(encryption.Id));
            if (Volatile.Read(ref _snapshot)?.Fingerprint != fingerprint)
            {
                Swap(new KeyRingSnapshot(ordered.Select(KeyMaterial.ToSigningCredentials).ToList(), KeyMaterial.ToEncryptingCredentials(encryption), fingerprint));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _changed.Dispose();
    }

    private void Swap(KeyRingSnapshot next)
    {
        Volatile.Write(ref _snapshot, next);
        var fired = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        fired.Cancel();
        fired.Dispose();
    }
}
