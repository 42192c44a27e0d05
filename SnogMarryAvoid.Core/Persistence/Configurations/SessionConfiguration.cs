using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(Session.MaxTitleLength).IsRequired();
        builder.Property(s => s.JoinCode).HasMaxLength(JoinCode.MaxLength).IsRequired();
        builder.Property(s => s.OwnerId).HasMaxLength(450);
        builder.Property(s => s.CampList).HasMaxLength(Camps.CampList.MaxStorageLength);
        builder.Property(s => s.RoomLanguages).HasMaxLength(Sessions.RoomLanguages.MaxStorageLength);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasIndex(s => s.CreatedAt);
        builder.HasMany(s => s.Scenarios).WithOne().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Shares).WithOne().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionShareConfiguration : IEntityTypeConfiguration<SessionShare>
{
    public void Configure(EntityTypeBuilder<SessionShare> builder)
    {
        builder.HasKey(s => new { s.SessionId, s.UserId });
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => s.UserId);
    }
}
