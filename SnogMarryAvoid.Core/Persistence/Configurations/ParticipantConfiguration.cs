using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Persistence.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.Property(p => p.Key).HasMaxLength(Participant.KeyLength).IsRequired();
        builder.HasIndex(p => new { p.SessionId, p.Key }).IsUnique();
        builder.HasOne<Session>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
