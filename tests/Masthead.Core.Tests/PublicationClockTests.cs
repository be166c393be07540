using Masthead.Core.Publication;

namespace Masthead.Core.Tests;

public sealed class PublicationClockTests
{
    private static readonly DateTime LateEveningInChicago = new(2026, 2, 4, 3, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Dates_are_shown_in_the_publication_time_zone_and_language()
    {
        var clock = new PublicationClock("America/Chicago", "en-US");

        Assert.Equal("February 3, 2026", clock.FormatDate(LateEveningInChicago));
        Assert.Equal("February 3, 2026, 9:30 PM", clock.FormatDateTime(LateEveningInChicago).Replace('\u202F', ' '));
        Assert.Equal("2026-02-03T21:30:00-06:00", clock.FormatIso(LateEveningInChicago));
        Assert.Equal(new DateOnly(2026, 2, 3), clock.LocalDate(LateEveningInChicago));
    }

    [Fact]
    public void Other_languages_use_their_own_date_order_and_month_names()
    {
        var clock = new PublicationClock("Europe/Paris", "fr-FR");

        Assert.Equal("4 février 2026", clock.FormatDate(LateEveningInChicago));
        Assert.Equal("2026-02-04T04:30:00+01:00", clock.FormatIso(LateEveningInChicago));
    }

    [Fact]
    public void Daylight_saving_time_changes_the_offset()
    {
        var clock = new PublicationClock("America/Chicago", "en-US");

        Assert.Equal("2026-07-01T07:00:00-05:00", clock.FormatIso(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Unknown_zones_and_languages_fall_back_to_utc_and_english()
    {
        var clock = new PublicationClock("Mars/Olympus_Mons", "zz-ZZ-not-a-language");

        Assert.Equal(TimeZoneInfo.Utc.Id, clock.TimeZone.Id);
        Assert.Equal("February 4, 2026", clock.FormatDate(LateEveningInChicago));
    }
}
