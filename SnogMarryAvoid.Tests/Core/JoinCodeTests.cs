using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Tests.Core;

public class JoinCodeTests
{
    [Fact]
    public void Generate_UsesOnlyTheUnambiguousAlphabet()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = JoinCode.Generate();
            code.Should().HaveLength(5);
            code.Should().Match(c => c.All(JoinCode.Alphabet.Contains));
        }

        JoinCode.Generate(6).Should().HaveLength(6);
    }

    [Fact]
    public void Alphabet_HasNoLookAlikes()
    {
        JoinCode.Alphabet.Should().NotContainAny("0", "O", "1", "I", "L", "2", "Z", "5", "S", "8", "B");
    }

    [Theory]
    [InlineData("kx7pm", "KX7PM")]
    [InlineData(" KX 7PM ", "KX7PM")]
    [InlineData("kx-7pm", "KX7PM")]
    [InlineData("KX7PMA", "KX7PMA")]
    public void Normalize_ForgivesCaseSpacesAndDashes(string typed, string expected)
    {
        JoinCode.Normalize(typed).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("KX7P")]
    [InlineData("KX7PMAA")]
    [InlineData("KO7PM")]
    [InlineData("<scr>")]
    [InlineData("KX7PM\u0000")]
    public void Normalize_RejectsWhatCannotBeACode(string? typed)
    {
        JoinCode.Normalize(typed).Should().BeNull();
    }

    [Theory]
    [InlineData("zzzzz", "ZZZZZ", "Z")]
    [InlineData("ab-cde", "ABCDE", "B")]
    [InlineData("K0 7PO", "K07PO", "0 and O")]
    [InlineData("SIL1B8", "SIL1B8", "S, I, L, 1, B and 8")]
    [InlineData("KX7PM", "KX7PM", null)]
    public void Shape_KeepsACodeShapedText_AndNamesItsLookAlikes(string typed, string shaped, string? lookAlikes)
    {
        JoinCode.Shape(typed).Should().Be(shaped);
        JoinCode.LookAlikesIn(shaped).Should().Be(lookAlikes);
    }

    [Theory]
    [InlineData("KX7P")]
    [InlineData("<scr>")]
    [InlineData("hello world")]
    public void Shape_OfWhatIsNotCodeShaped_IsNull(string typed)
    {
        JoinCode.Shape(typed).Should().BeNull();
    }
}
