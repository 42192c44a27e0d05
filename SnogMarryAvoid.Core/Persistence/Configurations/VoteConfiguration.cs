using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Persistence.Configurations;

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> builder)
    {
        builder.Property(v => v.Reason).HasMaxLength(Vote.MaxReasonStorageLength);

        // One vote per participant per scenario; a change of mind updates this row.
        builder.HasIndex(v => new { v.ScenarioId, v.ParticipantId }).IsUnique();
        builder.HasIndex(v => new { v.ScenarioId, v.Choice });

        builder.HasOne<Scenario>().WithMany().HasForeignKey(v => v.ScenarioId).OnDelete(DeleteBehavior.Cascade);

        // Votes already go with their scenario; a second cascade path is refused by SQL Server.
        builder.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.ClientCascade);
    }
}
