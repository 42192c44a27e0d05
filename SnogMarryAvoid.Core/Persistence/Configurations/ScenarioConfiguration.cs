using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Persistence.Configurations;

internal sealed class ScenarioConfiguration : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> builder)
    {
        builder.Property(s => s.PublicBody).HasMaxLength(Scenario.MaxPartyLength).IsRequired();
        builder.Property(s => s.Counterpart).HasMaxLength(Scenario.MaxPartyLength).IsRequired();
        builder.Property(s => s.Context).HasMaxLength(Scenario.MaxContextLength);
        builder.Property(s => s.Notes).HasMaxLength(Scenario.MaxNotesLength);
        builder.Ignore(s => s.Title);
        builder.HasIndex(s => new { s.SessionId, s.Order });
        builder.HasIndex(s => s.ClosesAt);
    }
}
