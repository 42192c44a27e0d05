using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConsoleAndSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ShowOpensVoting",
                table: "Sessions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "Scenarios",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Scenarios",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionShares",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SharedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionShares", x => new { x.SessionId, x.UserId });
                    table.ForeignKey(
                        name: "FK_SessionShares_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionShares_UserId",
                table: "SessionShares",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionShares");

            migrationBuilder.DropColumn(
                name: "ShowOpensVoting",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "Scenarios");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Scenarios");
        }
    }
}
