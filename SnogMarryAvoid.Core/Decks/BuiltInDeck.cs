namespace SnogMarryAvoid.Core.Decks;

/// <summary>One scenario of a deck, before it belongs to a session.</summary>
public sealed record DeckEntry(string PublicBody, string Counterpart, string? Context);

/// <summary>
/// The deck the app ships with, drawn from the world of the original workshop ("Snog, marry, avoid?
/// Activists versus corporates in the public sector", Social Media Week London): public services
/// meeting the people who found each other online.
/// </summary>
public static class BuiltInDeck
{
    public static IReadOnlyList<DeckEntry> Entries { get; } =
    [
        new("NHS mental health trust", "mental health blogger with 40,000 followers",
            "The blogger, who uses the trust's services, offers to co-host a live Q&A about waiting times."),
        new("Department for Work and Pensions", "disability campaigners fighting the Remploy factory closures",
            "The campaigners ask for a seat at the table while the closure plans are drawn up."),
        new("Large national disability charity", "disabled activists who opposed the Remploy closures online",
            "The charity backed the end of the subsidy; the activists want it to co-sign an open letter."),
        new("NHS England communications team", "online campaigners against the NHS reorganisation",
            "Their hashtag is trending and they invite the comms team to answer questions in the thread."),
        new("Council communications team", "local Facebook group with 12,000 residents",
            "The group's admins offer to share council updates, if the council answers complaints posted there."),
        new("Mental health charity", "service users live-tweeting from an inpatient ward",
            "Their posts are honest, funny and sometimes critical of named staff."),
        new("Clinical commissioning group", "patient-led online forum for people with long-term conditions",
            "The forum's founders want a standing say in how services are designed."),
        new("Jobcentre", "benefits-advice YouTuber with a large following",
            "The YouTuber proposes a joint video series explaining how to claim."),
        new("Public health team", "network of parenting bloggers",
            "The bloggers will share a vaccination campaign, but want to write it in their own words."),
        new("Police force", "neighbourhood community group on social media",
            "The group reports local incidents quickly and sometimes names suspects."),
    ];
}
