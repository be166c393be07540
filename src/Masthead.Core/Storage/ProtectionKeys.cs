using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Core.Storage;

/// <summary>
/// The keys that seal tokens (set-password and confirmation links, session cookies) live in this same database. When
/// there is no current key (a fresh install, or the old one expiring) sealing writes a new one through a connection of
/// its own, which on SQLite waits for the write lock a change's open transaction holds, while that change waits for the
/// token: a change that seals a link inside its transaction calls <see cref="EnsureCurrent"/> before it begins.
/// </summary>
public sealed class ProtectionKeys(IDataProtectionProvider protection)
{
    public void EnsureCurrent() => protection.CreateProtector("Masthead.ProtectionKeys").Protect([0]);
}
