using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Persistence.Configurations;

internal sealed class VoteChangeConfiguration : IEntityTypeConfiguration<VoteChange>
{
    public void Configure(EntityTypeBuilder<VoteChange> builder)
    {
        builder.HasIndex(c => new { c.ScenarioId, c.ChangedAt });
        builder.HasOne<Scenario>().WithMany().HasForeignKey(c => c.ScenarioId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Participant>().WithMany().HasForeignKey(c => c.ParticipantId).OnDelete(DeleteBehavior.ClientCascade);
    }
}
