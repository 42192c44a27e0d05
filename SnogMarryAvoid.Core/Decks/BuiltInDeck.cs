namespace SnogMarryAvoid.Core.Decks;

/// <summary>
/// One scenario of a deck, before it belongs to a session, with its presenter notes (facilitators only) and its
/// text in other languages (<see cref="Scenarios.ScenarioTexts"/>), by language code.
/// </summary>
public sealed record DeckEntry(string PublicBody, string Counterpart, string? Context, string? Notes = null,
    IReadOnlyDictionary<string, Scenarios.ScenarioText>? Translations = null);

/// <summary>
/// The deck the app ships with, drawn from the world of the original workshop ("Snog, marry, avoid?
/// Activists versus corporates in the public sector", Social Media Week London): public services
/// meeting the people who found each other online. Each scenario carries talking points for the
/// facilitator, drawn from the workshop's post (the coffeehouse, the two camps, Remploy, the NHS
/// reorganisation): shown on the console only.
/// </summary>
public static class BuiltInDeck
{
    /// <summary>
    /// Every scenario is in Welsh too (a first version, to be reviewed by a Welsh speaker: docs/languages.md). Each
    /// Welsh counterpart is worded to follow "yn cwrdd â" as it stands, with no mutation to make.
    /// </summary>
    public static IReadOnlyList<DeckEntry> Entries { get; } =
    [
        new("NHS mental health trust", "mental health blogger with 40,000 followers",
            "The blogger, who uses the trust's services, offers to co-host a live Q&A about waiting times.",
            "The post's own case: the most read mental health bloggers have far more readers than any trust, and far less power to make things happen. Ask: who gains most from a one-off Q&A? What would a lasting partnership have to promise the blogger's readers?",
            Cy("Ymddiriedolaeth iechyd meddwl y GIG", "blogiwr iechyd meddwl â 40,000 o ddilynwyr",
                "Mae'r blogiwr, sy'n defnyddio gwasanaethau'r ymddiriedolaeth, yn cynnig cyd-gynnal sesiwn holi ac ateb fyw am amseroedd aros.")),
        new("Department for Work and Pensions", "disability campaigners fighting the Remploy factory closures",
            "The campaigners ask for a seat at the table while the closure plans are drawn up.",
            "The post's example of loggerheads: online opinion against the Remploy closures. Ask: can a department that has decided still marry its critics, or only avoid them? What would a seat at the table be worth if the decision is made?",
            Cy("Yr Adran Gwaith a Phensiynau", "grŵp o ymgyrchwyr anabledd sy'n brwydro yn erbyn cau ffatrïoedd Remploy",
                "Mae'r ymgyrchwyr yn gofyn am le wrth y bwrdd tra bo'r cynlluniau cau yn cael eu llunio.")),
        new("Large national disability charity", "disabled activists who opposed the Remploy closures online",
            "The charity backed the end of the subsidy; the activists want it to co-sign an open letter.",
            "Some large disability charities welcomed the end of the subsidy and its 'outmoded' vision; activists online did not. Ask the charities in the room: who do you speak for? Ask the activists: would co-signing help or hurt you?",
            Cy("Elusen anabledd genedlaethol fawr", "gweithredwyr anabl a wrthwynebodd gau ffatrïoedd Remploy ar-lein",
                "Roedd yr elusen o blaid dod â'r cymhorthdal i ben; mae'r gweithredwyr am iddi gyd-lofnodi llythyr agored.")),
        new("NHS England communications team", "online campaigners against the NHS reorganisation",
            "Their hashtag is trending and they invite the comms team to answer questions in the thread.",
            "The post's example of harmony: social media and the NHS singing together against the reorganisation. Ask: is answering in their thread broadcasting, or a relationship? What happens if the comms team ignores it?",
            Cy("Tîm cyfathrebu GIG Lloegr", "grŵp o ymgyrchwyr ar-lein yn erbyn ad-drefnu'r GIG",
                "Mae eu hashnod yn trendio, ac maen nhw'n gwahodd y tîm cyfathrebu i ateb cwestiynau yn yr edefyn.")),
        new("Council communications team", "local Facebook group with 12,000 residents",
            "The group's admins offer to share council updates, if the council answers complaints posted there.",
            "The 'atomised full stops' of one-way comms have found each other. Ask: who sets the agenda in a group the council does not run? What does the council owe in return for the reach?",
            Cy("Tîm cyfathrebu'r cyngor", "grŵp Facebook lleol â 12,000 o drigolion",
                "Mae gweinyddwyr y grŵp yn cynnig rhannu newyddion y cyngor, os bydd y cyngor yn ateb y cwynion a gaiff eu postio yno.")),
        new("Mental health charity", "service users live-tweeting from an inpatient ward",
            "Their posts are honest, funny and sometimes critical of named staff.",
            "Glimpses into everyday life, 24 hours a day: exhilarating or terrifying? Ask: whose privacy is at stake, the staff's or the patients'? Is avoiding them even possible?",
            Cy("Elusen iechyd meddwl", "defnyddwyr gwasanaeth yn trydar yn fyw o ward cleifion mewnol",
                "Mae eu negeseuon yn onest, yn ddoniol, ac weithiau'n feirniadol o staff wrth eu henwau.")),
        new("Clinical commissioning group", "patient-led online forum for people with long-term conditions",
            "The forum's founders want a standing say in how services are designed.",
            "'Consultation' brought cynicism and heartache; here people say what they think without being asked. Ask: what would make a standing say real rather than a box ticked?",
            Cy("Grŵp comisiynu clinigol", "fforwm ar-lein dan arweiniad cleifion â chyflyrau hirdymor",
                "Mae sylfaenwyr y fforwm am gael llais parhaol yn y ffordd y caiff gwasanaethau eu cynllunio.")),
        new("Jobcentre", "benefits-advice YouTuber with a large following",
            "The YouTuber proposes a joint video series explaining how to claim.",
            "The YouTuber may already explain claiming better than the jobcentre does. Ask: who is trusted more, and why? What would the jobcentre have to give up for a joint series?",
            Cy("Canolfan Byd Gwaith", "vlogiwr YouTube sy'n rhoi cyngor ar fudd-daliadau, â dilyniant mawr",
                "Mae'r vlogiwr yn cynnig cyfres o fideos ar y cyd yn esbonio sut i hawlio.")),
        new("Public health team", "network of parenting bloggers",
            "The bloggers will share a vaccination campaign, but want to write it in their own words.",
            "Harness the action, respect and support of the people who make social media up, or broadcast at them. Ask: is letting bloggers use their own words a risk or the point?",
            Cy("Tîm iechyd y cyhoedd", "rhwydwaith o flogwyr magu plant",
                "Bydd y blogwyr yn rhannu ymgyrch frechu, ond maen nhw am ei hysgrifennu yn eu geiriau eu hunain.")),
        new("Police force", "neighbourhood community group on social media",
            "The group reports local incidents quickly and sometimes names suspects.",
            "Fast, local, trusted, and sometimes wrong. Ask: can a public body stay close to a group that names suspects? What would a fling cost, and what would a marriage?",
            Cy("Heddlu", "grŵp cymunedol lleol ar y cyfryngau cymdeithasol",
                "Mae'r grŵp yn adrodd am ddigwyddiadau lleol yn gyflym, ac weithiau'n enwi pobl a amheuir.")),
    ];

    private static Dictionary<string, Scenarios.ScenarioText> Cy(string publicBody, string counterpart, string context) =>
        new() { ["cy"] = new(publicBody, counterpart, context) };
}
