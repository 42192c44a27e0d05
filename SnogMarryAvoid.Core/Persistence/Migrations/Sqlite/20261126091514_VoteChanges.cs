using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnogMarryAvoid.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoteChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VoteChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScenarioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteChanges_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VoteChanges_Scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoteChanges_ParticipantId",
                table: "VoteChanges",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteChanges_ScenarioId_ChangedAt",
                table: "VoteChanges",
                columns: new[] { "ScenarioId", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoteChanges");
        }
    }
}
