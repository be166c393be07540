namespace Masthead.Bench;

/// <summary>The fixed names of the generated publication: sections, tags and staff.</summary>
public sealed partial class SearchCorpus
{
    private static readonly string[] SectionNames = ["World", "Politics", "Business", "Culture", "Sport", "Science", "Opinion", "Local"];

    private static readonly string[] TagNames =
    [
        "Budget", "Housing", "Transit", "Schools", "Elections", "Climate", "Agriculture", "Health care", "Public safety",
        "Courts", "Jobs", "Small business", "Arts", "Music", "Theatre", "Libraries", "Parks", "Water", "Energy", "Roads",
        "Immigration", "Taxes", "Zoning", "Police", "Fire", "Weather", "Floods", "Drought", "Universities", "Hospitals",
        "Trade", "Shipping", "Rail", "Aviation", "Tourism", "Restaurants", "Festivals", "Football", "Basketball",
        "Baseball", "Hockey", "Athletics", "Obituaries", "Religion", "Technology", "Science", "Space", "Wildlife",
        "Fisheries", "Forestry", "Mining", "Labour", "Unions", "Pensions", "Childcare", "Seniors", "Veterans",
        "Homelessness", "Public art", "Heritage", "Architecture", "Broadband", "Water quality", "Air quality",
        "City council", "County board", "School board", "State legislature", "Congress", "Supreme Court",
        "Wenrow River", "Tallgrass Reach", "Northfield", "Old Town", "Riverfront", "Harbour", "Airport", "Bridges",
        "Café culture", "Crime",
    ];

    private static readonly string[] StaffNames =
    [
        "Delphine Marrow", "Anaya Kessler", "Tobias Wren", "Ravi Holmgren", "Maren Oduya", "Felix Brandt",
        "Ines Calloway", "Jonah Pike", "Saoirse Lindqvist", "Kwame Asante", "Lucía Ferrer", "Hugo Marchetti",
    ];
}
