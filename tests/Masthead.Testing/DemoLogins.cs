namespace Masthead.Testing;

/// <summary>The demo publication's sign-ins, one per role (see the README).</summary>
public static class DemoLogins
{
    public static readonly (string Email, string Password) Administrator = ("delphine-marrow@larkmoorlantern.example", "lantern-administrator");
    public static readonly (string Email, string Password) Editor = ("anaya-kessler@larkmoorlantern.example", "lantern-editor");
    public static readonly (string Email, string Password) Reporter = ("tobias-wren@larkmoorlantern.example", "lantern-reporter");
    public static readonly (string Email, string Password) Contributor = ("ravi-holmgren@larkmoorlantern.example", "lantern-contributor");
}
