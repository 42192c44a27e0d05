using System.Globalization;
using System.Text;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>A reason as the word count reads it: who gave it, its text, and whether the facilitator hid it.</summary>
public sealed record ReasonText(Guid ParticipantId, string Text, bool Hidden);

/// <summary>A word the room used, and how many people used it.</summary>
public sealed record RoomWord(string Word, int People);

/// <summary>
/// What the room said, in words: the words of the reasons for a choice, each counted once per person
/// (someone who writes "trust trust trust" counts once), common English words left out, hidden reasons
/// left out. Words are compared in lower case; an apostrophe inside a word stays ("don't"), and a
/// possessive's is the word itself ("the trust's staff": "trust").
/// </summary>
public static class RoomWords
{
    /// <summary>At most this many words are given, the most used first.</summary>
    public const int MostWords = 40;

    /// <summary>Shorter words (a, of, it…) say little on their own.</summary>
    public const int ShortestWord = 3;

    /// <summary>Common English words, left out of the count.</summary>
    public static IReadOnlySet<string> StopWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "about", "above", "after", "again", "against", "all", "also", "and", "any", "are", "aren't", "because", "been", "before",
        "being", "below", "between", "both", "but", "can", "can't", "cannot", "could", "couldn't", "did", "didn't", "does", "doesn't",
        "doing", "don't", "down", "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "got",
        "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "her", "here", "hers", "herself", "him", "himself", "his",
        "how", "i'd", "i'll", "i'm", "i've", "into", "isn't", "it's", "its", "itself", "just", "let's", "like", "more", "most",
        "much", "must", "mustn't", "myself", "need", "not", "now", "off", "once", "one", "only", "other", "ought", "our", "ours",
        "ourselves", "out", "over", "own", "really", "same", "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't",
        "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's",
        "these", "they", "they'd", "they'll", "they're", "they've", "thing", "things", "think", "this", "those", "through", "too",
        "under", "until", "very", "was", "wasn't", "way", "we'd", "we'll", "we're", "we've", "well", "were", "weren't", "what",
        "what's", "when", "where", "which", "while", "who", "who's", "whom", "why", "will", "with", "won't", "would", "wouldn't",
        "yes", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
    };

    public static IReadOnlyList<RoomWord> Of(IEnumerable<ReasonText> reasons)
    {
        var people = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var reason in reasons.Where(r => !r.Hidden))
        {
            foreach (var word in Words(reason.Text).Distinct())
            {
                if (!people.TryGetValue(word, out var who))
                {
                    people[word] = who = [];
                }

                who.Add(reason.ParticipantId);
            }
        }

        return people
            .Select(p => new RoomWord(p.Key, p.Value.Count))
            .OrderByDescending(w => w.People)
            .ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(MostWords)
            .ToList();
    }

    /// <summary>The words of a text that count: letters and digits (an inner apostrophe kept), in lower case, not too short, not common.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in (text + " ").Replace('’', '\'').Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || (c == '\'' && word.Length > 0))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }

            var found = word.ToString().Trim('\'');
            word.Clear();
            if (found.EndsWith("'s", StringComparison.Ordinal))
            {
                found = found[..^2]; // the blogger's readers: "blogger"
            }

            if (found.Length >= ShortestWord && !StopWords.Contains(found) && !found.All(char.IsDigit))
            {
                yield return found;
            }
        }
    }
}
