using SnogMarryAvoid.Core;

namespace SnogMarryAvoid.Tests.Core;

public class TextInputTests
{
    [Fact]
    public void Clean_TrimsAndDropsControlCharacters()
    {
        TextInput.Clean("  a\u0000b\u0007c\td  ", "Field", 10, required: true).Should().Be("abc d");
    }

    [Fact]
    public void Clean_KeepsLineBreaksOnlyWhereAllowed()
    {
        TextInput.Clean("one\r\ntwo", "Field", 20, required: false, allowLineBreaks: true).Should().Be("one\ntwo");
        TextInput.Clean("one\r\ntwo", "Field", 20, required: false).Should().Be("one two");
    }

    [Fact]
    public void Clean_CountsAnEmojiAsOneCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("👩🏽‍⚕️", 5));

        TextInput.Length(text).Should().Be(5);
        TextInput.Clean(text, "Field", 5, required: true).Should().Be(text);
    }

    [Fact]
    public void Clean_KeepsRightToLeftAndMarkupAsPlainText()
    {
        TextInput.Clean("مرحبا <b>hi</b>", "Field", 50, required: true).Should().Be("مرحبا <b>hi</b>");
    }

    [Fact]
    public void Clean_WhenEmptyAndRequired_SaysWhichFieldIsMissing()
    {
        var act = () => TextInput.Clean("   ", "Public body", 10, required: true);

        act.Should().Throw<DomainException>().Where(e => e.Error == DomainError.InvalidInput).WithMessage("Public body is required.");
    }

    [Fact]
    public void Clean_WhenTooLong_SaysTheLengthAndTheLimit()
    {
        var act = () => TextInput.Clean(new string('x', 281), "Your reason", 280, required: false);

        act.Should().Throw<DomainException>().WithMessage("Your reason is 281 characters; the limit is 280.");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF\u200B\u200C\u200D")]
    [InlineData(" \u2060 \u00AD \u200E\u202E ")]
    [InlineData("\u3164\u115F\u2800")]
    [InlineData("\uFE0F\uFE0F")]
    [InlineData("\U000E0041\U000E0042")]
    public void Clean_TextWithNothingVisible_CountsAsEmpty(string invisible)
    {
        TextInput.Clean(invisible, "Title", 120, required: false).Should().BeNull();
        var required = () => TextInput.Clean(invisible, "Title", 120, required: true);

        required.Should().Throw<DomainException>().WithMessage("Title is required.");
    }

    [Fact]
    public void Clean_TrimsInvisibleCharactersAtTheEnds_AndKeepsJoinersInsideEmoji()
    {
        const string Family = "👩\u200D👩\u200D👧";

        TextInput.Clean("\uFEFF\u200BNHS trust\u200B\u2060", "Title", 120, required: true).Should().Be("NHS trust");
        TextInput.Clean($"\u200B{Family}\u200B", "Title", 120, required: true).Should().Be(Family);
        TextInput.Length(Family).Should().Be(1);
    }
}
