using System.Text.Json;
using Masthead.Core.Navigation;
using Masthead.Core.Publication;

namespace Masthead.ContentApi;

/// <summary>
/// The publication as Ghost's settings. The tagline is Ghost's description and the longer description its
/// meta_description; navigation is the masthead's menu and secondary navigation the footer's links, as editors
/// arranged them. Masthead has no members, portal or comments: those are off.
/// </summary>
internal static class SettingsJson
{
    public const string GhostVersion = "6.0";

    public static void Write(Utf8JsonWriter json, PublicationInfo publication, IReadOnlyList<MenuLink> header, IReadOnlyList<MenuLink> footer, ContentOutput output)
    {
        json.WriteStartObject();
        json.WriteStartObject("settings");
        json.WriteString("title", publication.Name);
        json.WriteText("description", publication.Tagline.Length > 0 ? publication.Tagline : publication.Description);
        json.WriteUrl("logo", publication.LogoUrl, output);
        json.WriteUrl("icon", "/favicon.svg", output);
        json.WriteNull("accent_color");
        json.WriteNull("cover_image");
        json.WriteNull("facebook");
        json.WriteNull("twitter");
        json.WriteString("lang", publication.Language);
        json.WriteString("locale", publication.Language);
        json.WriteString("timezone", publication.TimeZoneId);
        json.WriteNull("codeinjection_head");
        json.WriteNull("codeinjection_foot");
        Navigation(json, "navigation", header);
        Navigation(json, "secondary_navigation", footer);
        json.WriteNull("meta_title");
        json.WriteText("meta_description", publication.Description);
        foreach (var name in (ReadOnlySpan<string>)["og_image", "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description"])
        {
            json.WriteNull(name);
        }

        json.WriteText("members_support_address", publication.ContactEmail);
        json.WriteBoolean("members_enabled", false);
        json.WriteBoolean("members_invite_only", false);
        json.WriteBoolean("allow_self_signup", false);
        json.WriteString("members_signup_access", "none");
        json.WriteBoolean("donations_enabled", false);
        json.WriteBoolean("paid_members_enabled", false);
        json.WriteNull("firstpromoter_account");
        json.WriteBoolean("portal_button", false);
        json.WriteBoolean("portal_name", false);
        json.WriteStartArray("portal_plans");
        json.WriteEndArray();
        json.WriteString("portal_default_plan", "yearly");
        json.WriteNull("portal_button_icon");
        json.WriteNull("portal_button_signup_text");
        json.WriteNull("portal_button_style");
        json.WriteNull("portal_signup_terms_html");
        json.WriteBoolean("portal_signup_checkbox_required", false);
        json.WriteString("comments_enabled", "off");
        json.WriteBoolean("recommendations_enabled", false);
        json.WriteBoolean("outbound_link_tagging", false);
        json.WriteText("default_email_address", publication.ContactEmail);
        json.WriteText("support_email_address", publication.ContactEmail);
        json.WriteString("editor_default_email_recipients", "disabled");
        json.WriteStartObject("labs");
        json.WriteEndObject();
        json.WriteNull("sentry_dsn");
        json.WriteNull("sentry_env");
        json.WriteString("url", output.BaseUrl + "/");
        json.WriteString("version", GhostVersion);
        json.WriteEndObject();
        json.WriteStartObject("meta");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Navigation(Utf8JsonWriter json, string name, IReadOnlyList<MenuLink> links)
    {
        json.WriteStartArray(name);
        foreach (var link in links)
        {
            json.WriteStartObject();
            json.WriteString("label", link.Label);
            json.WriteString("url", link.Href);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
